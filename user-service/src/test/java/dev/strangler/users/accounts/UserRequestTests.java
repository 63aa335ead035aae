package dev.strangler.users.accounts;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class UserRequestTests {

    @Test
    void emailShouldBeStrippedAndLowerCasedAndNameStripped() {
        var request = new UserRequest("  Ada.Lovelace@Example.COM\t", "\u2003 Ada  Lovelace \n");

        assertThat(request.normalizedEmail()).isEqualTo("ada.lovelace@example.com");
        // Only the ends: what is inside a name is the person's business.
        assertThat(request.normalizedName()).isEqualTo("Ada  Lovelace");
    }

    @Test
    void emailShouldBeLowerCasedTheSameWayWhateverTheJvmsLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(new UserRequest("TIM@EXAMPLE.COM", "Tim").normalizedEmail()).isEqualTo("tim@example.com");
        }
        finally {
            Locale.setDefault(before);
        }
    }
}
