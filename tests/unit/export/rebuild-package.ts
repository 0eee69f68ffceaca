/**
 * A package opened and sealed again with its office's own key, as the holder of that key could:
 * to make a version-1 package (made before the audit head) or a manifest changed after signing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { currentOfficeKey, signingKey } from '../../../electron/core/io/export/office-key';
import { PART_NAMES, sealPackage, sha256Hex, signBytes, verifyPackage, type Manifest } from '../../../electron/core/io/export/package-format';
import type { TestLedger } from '../../helpers/ledger';
import { ZIP_PASSWORD } from './fixture';

export interface OpenedPackage {
  manifest: Manifest;
  parts: Map<string, Uint8Array>;
}

/** The package's manifest and parts, checked with the office's key. */
export async function partsOf(office: TestLedger, path: string): Promise<OpenedPackage> {
  const key = currentOfficeKey(office.core.services.ledger.handle())!;
  const v = await verifyPackage(readFileSync(path), ZIP_PASSWORD, [{ officeName: '', publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint }]);
  if (!v.ok) throw new Error(v.reason);
  return { manifest: v.manifest, parts: v.parts };
}

/** Seals parts again with the office's own key into `path`: the manifest signed afresh unless `manifestSig` is given. */
export async function reseal(office: TestLedger, path: string, p: OpenedPackage, manifestSig?: Uint8Array): Promise<string> {
  const ledger = office.core.services.ledger;
  const key = signingKey(ledger.handle(), ledger.sealer(), currentOfficeKey(ledger.handle())!);
  const manifestBytes = Buffer.from(JSON.stringify(p.manifest, null, 2), 'utf8');
  const sig = manifestSig ?? Buffer.from(signBytes(manifestBytes, key.privateKeyPem).toString('base64'), 'latin1');
  const others = [...p.parts].filter(([n]) => n !== PART_NAMES.manifest && n !== PART_NAMES.signature).map(([n, data]) => ({ name: n, data }));
  const bytes = await sealPackage(
    [...others, { name: PART_NAMES.manifest, data: manifestBytes }, { name: PART_NAMES.signature, data: sig }],
    ZIP_PASSWORD,
    key.privateKeyPem,
    key.fingerprint,
  );
  writeFileSync(path, bytes);
  return path;
}

/** The same package as the version before the audit head wrote it: format 1, no `auditHead`. */
export function asVersion1({ manifest, parts }: OpenedPackage): OpenedPackage {
  const data = JSON.parse(new TextDecoder().decode(parts.get(PART_NAMES.data))) as { schemaVersion: number };
  const dataV1 = Buffer.from(JSON.stringify({ ...data, schemaVersion: 1 }), 'utf8');
  const { auditHead: _none, ...rest } = manifest;
  return {
    manifest: {
      ...rest,
      schemaVersion: 1,
      parts: manifest.parts.map((p) => (p.name === PART_NAMES.data ? { ...p, sha256: sha256Hex(dataV1), bytes: dataV1.length } : p)),
    },
    parts: new Map([...parts, [PART_NAMES.data, dataV1]]),
  };
}
