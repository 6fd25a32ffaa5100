package dev.warden.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.testing.ListNodeSource;
import dev.warden.audit.testing.Rfc9162;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random property tests: for every tree size 1..1000 and some large ones, production roots
 * and proofs equal the RFC 9162 reference ({@link Rfc9162}), verify under both the production
 * verifier and the independent one, and every mutation of a proof is rejected.
 */
class MerkleProofPropertyTest {
    private static final long SEED = 0x5eed_9162L;

    static List<byte[]> leaves(Random random, int n) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] entry = new byte[1 + random.nextInt(40)];
            random.nextBytes(entry);
            out.add(Rfc9162.leafHash(entry));
        }
        return out;
    }

    static List<byte[]> raw(List<Hash> hashes) {
        return hashes.stream().map(Hash::bytes).toList();
    }

    @Test
    void everySizeUpTo1000MatchesTheReference() {
        Random random = new Random(SEED);
        List<byte[]> all = leaves(random, 1000);
        CompactRange range = CompactRange.empty();
        TreeReader reader = new TreeReader(new ListNodeSource(all));
        for (int n = 1; n <= 1000; n++) {
            range.append(Hash.of(all.get(n - 1)));
            byte[] root = Rfc9162.mth(all, 0, n);
            assertThat(range.root().bytes()).as("compact range root at %d", n).isEqualTo(root);
            assertThat(reader.root(n).bytes()).as("reader root at %d", n).isEqualTo(root);

            for (int probe = 0; probe < 3; probe++) {
                int m = probe == 0 ? n - 1 : random.nextInt(n);
                InclusionProof p = reader.inclusion(m, n);
                assertThat(raw(p.path())).as("PATH(%d, D[%d])", m, n)
                        .containsExactlyElementsOf(Rfc9162.path(all, m, 0, n));
                assertThat(p.leafHash().bytes()).isEqualTo(all.get(m));
                assertThat(p.rootHash().bytes()).isEqualTo(root);
                assertThat(p.verify().isValid()).as("production verifies inclusion %d/%d", m, n).isTrue();
                assertThat(Rfc9162.verifyInclusion(m, n, all.get(m), raw(p.path()), root)).isTrue();
                assertInclusionMutationsRejected(random, p);

                int from = random.nextInt(n + 1);
                ConsistencyProof c = reader.consistency(from, n);
                List<byte[]> expected = from == 0 || from == n ? List.of() : Rfc9162.proof(all, from, n);
                assertThat(raw(c.path())).as("PROOF(%d, D[%d])", from, n).containsExactlyElementsOf(expected);
                assertThat(c.fromRoot().bytes()).isEqualTo(Rfc9162.mth(all, 0, from));
                assertThat(c.verify().isValid()).as("production verifies consistency %d..%d", from, n).isTrue();
                assertThat(Rfc9162.verifyConsistency(from, n, c.fromRoot().bytes(), root, raw(c.path()))).isTrue();
                assertConsistencyMutationsRejected(random, c);
            }
        }
    }

    @Test
    void largeSizes() {
        Random random = new Random(SEED + 1);
        int max = (1 << 17) + 4099;
        List<byte[]> all = leaves(random, max);
        ListNodeSource source = new ListNodeSource(all);
        TreeReader reader = new TreeReader(source);
        for (int n : new int[] {1 << 16, (1 << 16) + 1, (1 << 17) - 1, 1 << 17, max}) {
            byte[] root = Rfc9162.mth(all, 0, n);
            assertThat(reader.root(n).bytes()).isEqualTo(root);
            for (int probe = 0; probe < 20; probe++) {
                int m = random.nextInt(n);
                InclusionProof p = reader.inclusion(m, n);
                assertThat(p.verify().isValid()).isTrue();
                assertThat(Rfc9162.verifyInclusion(m, n, all.get(m), raw(p.path()), root)).isTrue();
                int from = 1 + random.nextInt(n);
                ConsistencyProof c = reader.consistency(from, n);
                assertThat(c.verify().isValid()).isTrue();
                assertThat(Rfc9162.verifyConsistency(from, n, c.fromRoot().bytes(), root, raw(c.path()))).isTrue();
                assertConsistencyMutationsRejected(random, c);
            }
        }
        assertThat(raw(reader.inclusion(4321, max).path())).containsExactlyElementsOf(Rfc9162.path(all, 4321, 0, max));
        assertThat(raw(reader.consistency(77_777, max).path())).containsExactlyElementsOf(Rfc9162.proof(all, 77_777, max));
    }

    @Test
    void compactRangeEmitsExactlyTheCompleteSubtrees() {
        Random random = new Random(SEED + 2);
        List<byte[]> all = leaves(random, 777);
        CompactRange range = CompactRange.empty();
        List<MerkleNode> emitted = new ArrayList<>();
        for (byte[] leaf : all) {
            range.append(Hash.of(leaf), (level, index, hash) -> emitted.add(new MerkleNode(level, index, hash)));
        }
        int expectedCount = 0;
        for (int level = 1; (1 << level) <= 777; level++) {
            expectedCount += 777 >> level;
        }
        assertThat(emitted).hasSize(expectedCount);
        for (MerkleNode node : emitted) {
            assertThat(node.hash().bytes()).as("node %s", node)
                    .isEqualTo(Rfc9162.mth(all, (int) node.firstLeaf(), (int) node.endLeaf()));
        }
        CompactRange resumed = new TreeReader(new ListNodeSource(all)).compactRange(500);
        assertThat(resumed.root().bytes()).isEqualTo(Rfc9162.mth(all, 0, 500));
        for (int i = 500; i < 777; i++) {
            resumed.append(Hash.of(all.get(i)));
        }
        assertThat(resumed.root()).isEqualTo(range.root());
        assertThat(CompactRange.of(range.size(), range.subtreeRoots()).root()).isEqualTo(range.root());
    }

    @Test
    void emptyTree() {
        assertThat(CompactRange.empty().root().hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(new TreeReader(new ListNodeSource(List.of())).root(0)).isEqualTo(TreeHasher.emptyRoot());
    }

    @Test
    void proofsForPrunedLeavesNameTheMissingLeaf() {
        Random random = new Random(SEED + 3);
        List<byte[]> all = leaves(random, 100);
        // pruning below 40 keeps the leaf hashes of the partly pruned block [32, 40)
        TreeReader reader = new TreeReader(new ListNodeSource(all, 32));
        assertThat(reader.inclusion(40, 100).verify().isValid()).isTrue();
        assertThat(reader.consistency(40, 100).verify().isValid()).isTrue();
        assertThat(reader.root(41)).isEqualTo(Hash.of(Rfc9162.mth(all, 0, 41)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.inclusion(31, 100))
                .isInstanceOf(MissingNodeException.class).hasMessageContaining("leaf 31");
    }

    private static void assertInclusionMutationsRejected(Random random, InclusionProof p) {
        if (!p.path().isEmpty()) {
            List<Hash> flipped = new ArrayList<>(p.path());
            int at = random.nextInt(flipped.size());
            flipped.set(at, flip(random, flipped.get(at)));
            assertThat(ProofVerifier.verifyInclusion(p.index(), p.size(), p.leafHash(), flipped, p.rootHash()).isValid())
                    .as("flipped path element").isFalse();
            assertThat(ProofVerifier.verifyInclusion(p.index(), p.size(), p.leafHash(),
                    p.path().subList(0, p.path().size() - 1), p.rootHash()).isValid()).as("short path").isFalse();
        }
        List<Hash> longer = new ArrayList<>(p.path());
        longer.add(p.leafHash());
        assertThat(ProofVerifier.verifyInclusion(p.index(), p.size(), p.leafHash(), longer, p.rootHash()).isValid())
                .as("long path").isFalse();
        assertThat(ProofVerifier.verifyInclusion(p.index(), p.size(), flip(random, p.leafHash()), p.path(), p.rootHash()).isValid())
                .as("other leaf").isFalse();
        assertThat(ProofVerifier.verifyInclusion(p.index(), p.size(), p.leafHash(), p.path(), flip(random, p.rootHash())).isValid())
                .as("other root").isFalse();
        if (p.size() > 1) {
            long other = (p.index() + 1 + random.nextInt((int) p.size() - 1)) % p.size();
            boolean sameShape = ProofVerifier.verifyInclusion(other, p.size(), p.leafHash(), p.path(), p.rootHash()).isValid();
            assertThat(sameShape).as("index %d instead of %d", other, p.index()).isFalse();
        }
        assertThat(ProofVerifier.verifyInclusion(p.size(), p.size(), p.leafHash(), p.path(), p.rootHash()).isValid()).isFalse();
    }

    private static void assertConsistencyMutationsRejected(Random random, ConsistencyProof c) {
        if (c.path().isEmpty()) {
            if (c.from() > 0) {
                assertThat(ProofVerifier.verifyConsistency(c.from(), c.to(), c.fromRoot(), flip(random, c.toRoot()), c.path())
                        .isValid()).isFalse();
            }
            return;
        }
        List<Hash> flipped = new ArrayList<>(c.path());
        int at = random.nextInt(flipped.size());
        flipped.set(at, flip(random, flipped.get(at)));
        assertThat(ProofVerifier.verifyConsistency(c.from(), c.to(), c.fromRoot(), c.toRoot(), flipped).isValid())
                .as("flipped element").isFalse();
        assertThat(ProofVerifier.verifyConsistency(c.from(), c.to(), flip(random, c.fromRoot()), c.toRoot(), c.path()).isValid())
                .as("other old root").isFalse();
        assertThat(ProofVerifier.verifyConsistency(c.from(), c.to(), c.fromRoot(), flip(random, c.toRoot()), c.path()).isValid())
                .as("other new root").isFalse();
        assertThat(ProofVerifier.verifyConsistency(c.from(), c.to(), c.fromRoot(), c.toRoot(),
                c.path().subList(1, c.path().size())).isValid()).as("short proof").isFalse();
        List<Hash> longer = new ArrayList<>(c.path());
        longer.add(c.toRoot());
        assertThat(ProofVerifier.verifyConsistency(c.from(), c.to(), c.fromRoot(), c.toRoot(), longer).isValid())
                .as("long proof").isFalse();
    }

    private static Hash flip(Random random, Hash h) {
        byte[] b = h.bytes();
        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        return Hash.of(b);
    }
}
