import {
  type AuditEntry,
  auditId,
  entryHash,
  GENESIS_HASH,
  verifyChain,
} from '../../../../cloudfunctions/_shared/audit/audit-log';

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const unhashed = {
      seq,
      at: new Date(Date.UTC(2026, 10, 25, 8, 0, seq)),
      prevHash,
      action: 'user.register',
      actorId: `u${seq}`,
      actorRole: 'resident',
      targetType: 'user',
      targetId: `u${seq}`,
      detail: { village: '511702001001', seq },
      requestId: `r${seq}`,
    };
    const hash = entryHash(unhashed);
    entries.push({ ...unhashed, _id: auditId(seq), hash });
    prevHash = hash;
  }
  return entries;
}

test('an intact chain verifies', () => {
  const result = verifyChain(chain(5));
  expect(result.break).toBeNull();
  expect(result.last.seq).toBe(5);
});

test('a changed detail is found at its entry', () => {
  const entries = chain(5);
  entries[2] = { ...entries[2]!, detail: { village: '511702001002', seq: 3 } };
  expect(verifyChain(entries).break).toEqual({ kind: 'altered', seq: 3 });
});

test('a changed actor is found even when the stored hash is recomputed', () => {
  const entries = chain(5);
  const forged = { ...entries[1]!, actorId: 'someone-else' };
  const { hash: _h, _id, ...unhashed } = forged;
  entries[1] = { ...forged, hash: entryHash(unhashed) };
  // The forged entry hashes correctly, but the next entry still points at the original hash.
  expect(verifyChain(entries).break).toEqual({ kind: 'relinked', seq: 3 });
});

test('a removed entry is found as missing', () => {
  const entries = chain(5);
  entries.splice(3, 1);
  expect(verifyChain(entries).break).toEqual({ kind: 'missing', seq: 4 });
});

test('verification continues from a previous page', () => {
  const entries = chain(6);
  const first = verifyChain(entries.slice(0, 3));
  expect(verifyChain(entries.slice(3), first.last).break).toBeNull();
  expect(verifyChain(entries.slice(4), first.last).break).toEqual({ kind: 'missing', seq: 4 });
});

test('the hash does not depend on key order', () => {
  const [entry] = chain(1);
  const { hash, _id, ...unhashed } = entry!;
  const reordered = Object.fromEntries(Object.entries(unhashed).reverse()) as typeof unhashed;
  expect(entryHash(reordered)).toBe(hash);
});
