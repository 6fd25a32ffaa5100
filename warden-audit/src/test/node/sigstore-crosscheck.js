// Cross-checks Warden's inclusion proofs and checkpoints with the independent implementation of
// sigstore-js (@sigstore/verify: tlog/merkle.js and tlog/checkpoint.js).
// usage: WARDEN_SIGSTORE_NODE_MODULES=<dir with @sigstore/verify> node sigstore-crosscheck.js fixtures.json
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const modules = process.env.WARDEN_SIGSTORE_NODE_MODULES;
const { verifyMerkleInclusion } = require(modules + '/@sigstore/verify/dist/tlog/merkle.js');
const { verifyCheckpoint } = require(modules + '/@sigstore/verify/dist/tlog/checkpoint.js');

const fx = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const tlogs = [{
  logID: Buffer.from(fx.key_hash, 'hex'),
  baseURL: fx.name,
  publicKey: crypto.createPublicKey({ key: fx.jwk, format: 'jwk' }),
}];

function entryOf(c, proof, body, note) {
  return {
    canonicalizedBody: Buffer.from(body, 'utf8'),
    inclusionProof: {
      logIndex: String(c.index),
      hashes: proof.map((h) => Buffer.from(h, 'hex')),
      checkpoint: { envelope: note },
    },
  };
}

function check(c, proof, body, note) {
  const entry = entryOf(c, proof, body, note);
  const checkpoint = verifyCheckpoint(entry, tlogs);
  verifyMerkleInclusion(entry, checkpoint);
}

let verified = 0;
let rejected = 0;
const failures = [];
for (const c of fx.cases) {
  try {
    check(c, c.proof, c.entry, c.note);
    verified++;
  } catch (e) {
    failures.push(`index ${c.index} size ${c.size}: ${e.message}`);
  }
  // mutations sigstore must reject too
  const mutations = [];
  if (c.proof.length > 0) {
    const flipped = c.proof.slice();
    flipped[0] = (flipped[0][0] === '0' ? '1' : '0') + flipped[0].slice(1);
    mutations.push([flipped, c.entry, c.note]);
  }
  mutations.push([c.proof, c.entry.replace('"seq":', '"seq": '), c.note]);
  mutations.push([c.proof, c.entry, c.note.replace(/\n\d+\n/, `\n${c.size + 1}\n`)]);
  for (const [p, b, n] of mutations) {
    try {
      check(c, p, b, n);
      failures.push(`index ${c.index} size ${c.size}: a mutation was accepted`);
    } catch (e) {
      rejected++;
    }
  }
}
console.log(JSON.stringify({ verified, rejected, failures }));
process.exit(failures.length === 0 ? 0 : 1);
