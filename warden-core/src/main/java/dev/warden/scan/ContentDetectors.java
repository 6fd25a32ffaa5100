package dev.warden.scan;

import dev.warden.scan.injection.PromptInjectionDetector;
import dev.warden.scan.toxicity.ToxicityDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The deterministic detectors Warden ships, in the order a scan runs them. */
public final class ContentDetectors {
    private ContentDetectors() {
    }

    /** One fresh instance of every shipped detector. */
    public static List<ContentDetector> defaults() {
        List<ContentDetector> all = new ArrayList<>();
        // personal data and secrets
        all.add(new dev.warden.scan.pii.EmailDetector());
        all.add(new dev.warden.scan.pii.PhoneDetector());
        all.add(new dev.warden.scan.pii.CardNumberDetector());
        all.add(new dev.warden.scan.pii.IbanDetector());
        all.add(new dev.warden.scan.pii.NationalIdDetector());
        all.add(new dev.warden.scan.pii.IpAddressDetector());
        all.add(new dev.warden.scan.secret.KnownKeyDetector());
        all.add(new dev.warden.scan.secret.JwtDetector());
        all.add(new dev.warden.scan.secret.PrivateKeyDetector());
        all.add(new dev.warden.scan.secret.CredentialAssignmentDetector());
        all.add(new dev.warden.scan.secret.HighEntropyDetector());
        // prompt injection and toxicity
        all.add(new PromptInjectionDetector());
        all.add(new ToxicityDetector());
        return List.copyOf(all);
    }

    /** The shipped detector with this id, if any. */
    public static Optional<ContentDetector> byId(String id) {
        return defaults().stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
