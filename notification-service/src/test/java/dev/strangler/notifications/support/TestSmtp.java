package dev.strangler.notifications.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * The real SMTP server (GreenMail) of the test JVM, on a fixed loopback port so that tests can stop it (an SMTP
 * outage) and start it again where the service expects it.
 */
public final class TestSmtp {

    private static int port;
    private static GreenMail server;

    private TestSmtp() {
    }

    public static synchronized int port() {
        if (server == null) {
            port = freePort();
            start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestSmtp::stop, "stop-test-smtp"));
        }
        return port;
    }

    /** Starts it (again) on its port, with an empty inbox. */
    public static synchronized void start() {
        if (server != null && server.isRunning()) {
            return;
        }
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Stops it: connections to its port are refused until {@link #start()}. */
    public static synchronized void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The messages received (since the last start) for one address. */
    public static synchronized List<MimeMessage> to(String address) {
        port();
        return Arrays.stream(server.getReceivedMessages()).filter(message -> isFor(message, address)).toList();
    }

    private static boolean isFor(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(to -> to.toString().equals(address));
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
