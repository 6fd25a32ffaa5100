package dev.warden.audit.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.audit.merkle.Hash;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known-answer tests against golang.org/x/mod/sumdb/note and the C2SP signed-note spec example,
 * plus RFC 8032 test vector 1 for the raw Ed25519 key derivation.
 */
class SignedNoteTest {
    static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
    static final String SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    static final String SPEC_NOTE = "This is an example message.\n\n\u2014 example.com/foo "
            + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    @Test
    void signsExactlyLikeGoSumdbNote() {
        NoteSigner peter = NoteSigner.parse(PETER_SKEY);
        assertThat(peter.verifier().encode()).isEqualTo(PETER_VKEY);
        assertThat(peter.encode()).isEqualTo(PETER_SKEY);
        // Ed25519 is deterministic: the same key and text give the published signature
        assertThat(SignedNote.sign(GO_TEXT, peter).format()).isEqualTo(GO_TEXT + "\n" + PETER_SIG);
    }

    @Test
    void opensGoAndSpecNotes() {
        SignedNote go = SignedNote.parse(GO_TEXT + "\n" + PETER_SIG + ENOCH_SIG);
        NoteVerification v = go.verify(List.of(NoteVerifier.parse(PETER_VKEY), NoteVerifier.parse(ENOCH_VKEY)));
        assertThat(v).isInstanceOf(NoteVerification.Verified.class);
        assertThat(((NoteVerification.Verified) v).keys()).extracting(NoteVerifier::name).containsExactly("PeterNeumann", "EnochRoot");

        SignedNote spec = SignedNote.parse(SPEC_NOTE);
        assertThat(spec.text()).isEqualTo("This is an example message.\n");
        assertThat(spec.verify(List.of(NoteVerifier.parse(SPEC_VKEY)))).isInstanceOf(NoteVerification.Verified.class);
        assertThat(spec.format()).isEqualTo(SPEC_NOTE);
    }

    @Test
    void rejectsTamperedTextUnknownKeysAndBadSignatures() {
        NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
        SignedNote tampered = SignedNote.parse(GO_TEXT.replace("answer", "ANSWER") + "\n" + PETER_SIG);
        assertThat(tampered.verify(List.of(peter))).isInstanceOf(NoteVerification.Unverified.class);

        SignedNote onlyEnoch = SignedNote.parse(GO_TEXT + "\n" + ENOCH_SIG);
        assertThat(onlyEnoch.verify(List.of(peter)))
                .isEqualTo(new NoteVerification.Unverified("no signature by a trusted key (signed by [EnochRoot+af0cfe78])"));

        NoteSigner impostor = NoteSigner.generate("PeterNeumann", new SecureRandom());
        SignedNote forged = SignedNote.sign(GO_TEXT, impostor);
        assertThat(forged.verify(List.of(peter))).isInstanceOf(NoteVerification.Unverified.class);
    }

    @Test
    void rejectsMalformedKeysAndNotes() {
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.parse(GO_TEXT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.parse(GO_TEXT + "\n- PeterNeumann abc\n")).hasMessageContaining("\u2014");
        assertThatThrownBy(() -> NoteSigner.generate("with space", new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ed25519PublicKeyFromSeedFollowsRfc8032() {
        HexFormat hex = HexFormat.of();
        byte[] seed = hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertThat(hex.formatHex(Ed25519.publicKey(seed)))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] sig = Ed25519.sign(Ed25519.privateKey(seed), new byte[0]);
        assertThat(hex.formatHex(sig)).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void checkpointRoundTrip() {
        NoteSigner key = NoteSigner.generate("warden.local/audit", new SecureRandom());
        Hash root = Hash.ofHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        Checkpoint cp = new Checkpoint("warden.local/audit", 0, root);
        assertThat(cp.body()).isEqualTo("warden.local/audit\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
        SignedNote note = cp.sign(key);
        SignedNote parsed = SignedNote.parse(note.format());
        assertThat(Checkpoint.parse(parsed.text())).isEqualTo(cp);
        assertThat(parsed.verify(List.of(key.verifier()))).isInstanceOf(NoteVerification.Verified.class);
        assertThatThrownBy(() -> Checkpoint.parse("o\n01\n" + root.base64() + "\n")).hasMessageContaining("decimal");
        assertThatThrownBy(() -> Checkpoint.parse("o\n1\nAAAA\n")).hasMessageContaining("32 bytes");
    }
}
