package dev.warden.scan;

import java.util.Locale;
import java.util.Optional;

/**
 * A class of sensitive or hostile content a detector can find. The lower-case {@link #id()} is the
 * name used in configuration, the scan API and audit records.
 */
public enum DataClass {
    /** An e-mail address. */
    EMAIL,
    /** A telephone number. */
    PHONE,
    /** A payment card number (passes the Luhn check). */
    CARD,
    /** An international bank account number (passes the ISO 13616 checksum). */
    IBAN,
    /** A national identity number, such as a US social security number. */
    NATIONAL_ID,
    /** An IPv4 or IPv6 address. */
    IP,
    /** A credential: an API key, token, password or private key. */
    SECRET,
    /** Text that tries to steer an AI agent: instruction override, impersonation, hidden text. */
    INJECTION,
    /** Abusive, hateful, threatening or harassing language. */
    TOXICITY;

    /** The configuration and wire name, e.g. {@code national_id}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this class is personal data (the {@code pii} session label). */
    public boolean personal() {
        return switch (this) {
            case EMAIL, PHONE, CARD, IBAN, NATIONAL_ID, IP -> true;
            default -> false;
        };
    }

    /** The class with this wire name, if any. */
    public static Optional<DataClass> byId(String id) {
        for (DataClass c : values()) {
            if (c.id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
