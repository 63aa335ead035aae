package dev.strangler.monolith.storefront;

import dev.strangler.monolith.mail.MailUnavailableException;
import dev.strangler.monolith.orders.OrderHistory;
import dev.strangler.monolith.orders.OrderIdsExhaustedException;
import dev.strangler.monolith.orders.OrderRefusedException;
import dev.strangler.monolith.orders.OrderServiceRefusedException;
import dev.strangler.monolith.orders.OrderServiceUnavailableException;
import dev.strangler.monolith.orders.OrderWrites;
import dev.strangler.monolith.orders.PlaceOrderRequest;
import dev.strangler.monolith.users.DuplicateEmailException;
import dev.strangler.monolith.users.InvalidUserException;
import dev.strangler.monolith.users.UserDirectory;
import dev.strangler.monolith.users.UserIdsExhaustedException;
import dev.strangler.monolith.users.UserRepository;
import dev.strangler.monolith.users.UserRequest;
import dev.strangler.monolith.users.UserResponse;
import dev.strangler.monolith.users.UserServiceUnavailableException;
import dev.strangler.monolith.users.UserWrites;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The storefront's account pages: register, sign in, the profile with its order history, and placing an order.
 * Registration goes wherever user writes are owned now ({@link UserWrites}).
 */
@Controller
class AccountPages {

    private static final Set<String> FORM_FIELDS = Set.of("email", "name");

    private final UserWrites accounts;
    private final UserRepository users;
    private final UserDirectory directory;
    private final OrderWrites orders;
    private final OrderHistory history;

    AccountPages(UserWrites accounts, UserRepository users, UserDirectory directory, OrderWrites orders,
                 OrderHistory history) {
        this.accounts = accounts;
        this.users = users;
        this.directory = directory;
        this.orders = orders;
        this.history = history;
    }

    @GetMapping("/register")
    String registerForm(Model model) {
        model.addAttribute("form", new UserRequest("", ""));
        return "register";
    }

    @PostMapping("/register")
    String register(@Valid @ModelAttribute("form") UserRequest form, BindingResult binding,
                    HttpServletResponse response, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return "register";
        }
        try {
            UserResponse user = accounts.register(form);
            Shopper.remember(response, user.id());
            // True whoever sends it: the monolith inline, or notification-service from user.created (ADR 0025).
            redirect.addFlashAttribute("notice", "Welcome, " + user.name() + "! A welcome e-mail is on its way.");
            return "redirect:/users/" + user.id();
        }
        catch (DuplicateEmailException ex) {
            binding.rejectValue("email", "duplicate", "This e-mail is already registered: sign in instead");
            return "register";
        }
        catch (MailUnavailableException ex) {
            binding.reject("mail", "We could not send your welcome e-mail, so nothing was saved. Please try again.");
            return "register";
        }
        catch (UserIdsExhaustedException ex) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            binding.reject("ids", "Registration is closed for now. Nothing was saved.");
            return "register";
        }
        catch (UserServiceUnavailableException ex) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            binding.reject("unavailable", "We cannot create your account right now, so nothing was saved. "
                    + "Please try again shortly.");
            return "register";
        }
        catch (InvalidUserException ex) {
            ex.errors().forEach(error -> {
                if (FORM_FIELDS.contains(error.field())) {
                    binding.rejectValue(error.field(), "invalid", error.message());
                }
                else {
                    binding.reject("invalid", error.field() + " " + error.message());
                }
            });
            if (!binding.hasErrors()) {
                binding.reject("invalid", ex.getMessage());
            }
            return "register";
        }
    }

    @GetMapping("/signin")
    String signinForm() {
        return "signin";
    }

    @PostMapping("/signin")
    String signin(@RequestParam String email, HttpServletResponse response, Model model) {
        var user = users.findByEmail(email.strip().toLowerCase(Locale.ROOT));
        if (user.isEmpty()) {
            model.addAttribute("error", "No account with that e-mail.");
            model.addAttribute("email", email);
            return "signin";
        }
        Shopper.remember(response, user.get().getId());
        return "redirect:/users/" + user.get().getId();
    }

    @PostMapping("/signout")
    String signout(HttpServletResponse response) {
        Shopper.forget(response);
        return "redirect:/";
    }

    @GetMapping("/users/{id}")
    String profile(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        // The directory decides whether the user exists, wherever it reads them from.
        model.addAttribute("user", directory.get(id));
        model.addAttribute("orders", history.placedBy(id, Math.max(page, 0), 10));
        return "profile";
    }

    @PostMapping("/orders")
    String placeOrder(@RequestParam long productId, @RequestParam(defaultValue = "1") int quantity,
                      @RequestParam(required = false) @Nullable String idempotencyKey,
                      @CookieValue(name = Shopper.COOKIE, required = false) String shopper,
                      RedirectAttributes redirect) {
        var userId = Shopper.idFrom(shopper);
        if (userId.isEmpty()) {
            redirect.addFlashAttribute("notice", "Register or sign in to place an order.");
            return "redirect:/register";
        }
        if (quantity < 1 || quantity > 1000) {
            redirect.addFlashAttribute("error", "Choose a quantity between 1 and 1000.");
            return "redirect:/products/" + productId;
        }
        // The form's key, one per rendered form; a form from before keys existed gets one per submission.
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey;
        try {
            // Here or at order-service, wherever order writes are owned now (ADR 0034).
            var order = orders.place(new PlaceOrderRequest(userId.getAsLong(),
                    List.of(new PlaceOrderRequest.Line(productId, quantity))), key);
            redirect.addFlashAttribute("notice", "Thank you! Order #" + order.id()
                    + " is placed. A confirmation e-mail is on its way.");
            return "redirect:/users/" + userId.getAsLong();
        }
        catch (OrderRefusedException | OrderServiceRefusedException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
            return "redirect:/products/" + productId;
        }
        catch (OrderServiceUnavailableException | OrderIdsExhaustedException ex) {
            redirect.addFlashAttribute("error", "We cannot take orders right now, so nothing was placed. "
                    + "Please try again shortly.");
            return "redirect:/products/" + productId;
        }
        catch (MailUnavailableException ex) {
            redirect.addFlashAttribute("error", "We could not send your confirmation e-mail, so the order was not placed. Please try again.");
            return "redirect:/products/" + productId;
        }
    }
}
