package dev.strangler.gateway.shadow;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The client's response with a copy of its body kept on the side, up to a limit, for the shadow comparison. The
 * buffers themselves pass through untouched: only bytes are copied, so nothing is retained or released here.
 */
final class CapturedResponse extends ServerHttpResponseDecorator {

    private final int limit;
    private ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private volatile boolean incomplete;

    CapturedResponse(ServerHttpResponse delegate, int limit) {
        super(delegate);
        this.limit = limit;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return super.writeWith(Flux.from(body).doOnNext(this::keep));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        // A streamed answer is not a document that two backends can be expected to produce identically.
        incomplete = true;
        return super.writeAndFlushWith(body);
    }

    private void keep(DataBuffer buffer) {
        if (incomplete) {
            return;
        }
        int length = buffer.readableByteCount();
        if (copy.size() + length > limit) {
            incomplete = true;
            copy = null;
            return;
        }
        var bytes = ByteBuffer.allocate(length);
        buffer.toByteBuffer(buffer.readPosition(), bytes, 0, length);
        copy.write(bytes.array(), 0, length);
    }

    /** The body as written, or null when it was too large or streamed. */
    byte[] body() {
        return incomplete ? null : copy.toByteArray();
    }
}
