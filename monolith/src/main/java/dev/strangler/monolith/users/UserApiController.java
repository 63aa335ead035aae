package dev.strangler.monolith.users;

import dev.strangler.monolith.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The users JSON API: the contract the extracted user-service must honour. Its writes go wherever user writes are
 * owned now ({@link UserWrites}), so that a client calling the monolith directly cannot fork the data.
 */
@RestController
@RequestMapping("/api/users")
class UserApiController {

    private final UserAccounts accounts;
    private final UserWrites writes;
    private final UserRepository users;

    UserApiController(UserAccounts accounts, UserWrites writes, UserRepository users) {
        this.accounts = accounts;
        this.writes = writes;
        this.users = users;
    }

    @GetMapping
    PageResponse<UserResponse> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(users.findAll(PageRequest.of(page, size, Sort.by("id"))).map(UserResponse::of));
    }

    @GetMapping("/{id}")
    UserResponse get(@PathVariable long id) {
        return UserResponse.of(accounts.get(id));
    }

    @PostMapping
    ResponseEntity<UserResponse> register(@Valid @RequestBody UserRequest request) {
        UserResponse user = writes.register(request);
        var location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(user.id()).toUri();
        return ResponseEntity.created(location).body(user);
    }

    @PutMapping("/{id}")
    UserResponse change(@PathVariable long id, @Valid @RequestBody UserRequest request) {
        return writes.change(id, request);
    }
}
