package dev.warden.audit.note;

import java.util.List;

/** The verdict on a signed note against a set of trusted keys. */
public sealed interface NoteVerification {

    /**
     * At least one signature by a trusted key verified.
     *
     * @param keys the trusted keys whose signatures verified
     */
    record Verified(List<NoteVerifier> keys) implements NoteVerification {
        /** Copies the list. */
        public Verified {
            keys = List.copyOf(keys);
        }
    }

    /**
     * No signature by a trusted key verified.
     *
     * @param reason why: no signature by a known key, or a known key's signature is invalid
     */
    record Unverified(String reason) implements NoteVerification {
    }
}
