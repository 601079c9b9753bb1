package dev.irshell.sandbox;

import java.time.Instant;
import java.util.Map;

/** The account's primary contact information and one alternate contact, as the Account API shows them. */
public final class AccountContacts {
    private AccountContacts() {
    }

    /** Alternate contact types of the Account API. */
    public static final java.util.List<String> TYPES = java.util.List.of("BILLING", "OPERATIONS", "SECURITY");

    /** Primary contact fields by their wire names ({@code FullName}, {@code PhoneNumber}, ...), in order. */
    public record Primary(Map<String, String> fields) {
        public Primary {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /**
     * One alternate contact.
     *
     * @param type   {@code BILLING}, {@code OPERATIONS} or {@code SECURITY}
     * @param origin {@code scenario} as the account was set up, else who changed it (an actor or {@code session})
     */
    public record Alternate(String type, String name, String title, String emailAddress, String phoneNumber,
                           Instant updated, String origin) {
    }
}
