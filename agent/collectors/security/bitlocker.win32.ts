import { unknown } from '../../../protocol/index.js';
import type { DiskEncryption } from './disk.linux.js';

/** BitLocker facts, whichever tool gave them. */
export interface BitLockerFacts {
  /** True: protectors active. False: off or suspended. */
  protectionOn?: boolean;
  percentEncrypted?: number;
  /** As manage-bde prints it ("XTS-AES 128"), or "none". */
  method?: string;
}

// Get-BitLockerVolume's EncryptionMethod enum names → manage-bde's spelling, so both sources agree.
const METHOD_NAMES: Record<string, string> = {
  xtsaes128: 'XTS-AES 128',
  xtsaes256: 'XTS-AES 256',
  aes128: 'AES 128',
  aes256: 'AES 256',
  aes128diffuser: 'AES 128 with Diffuser',
  aes256diffuser: 'AES 256 with Diffuser',
  hardware: 'hardware encryption',
  none: 'none',
};

/** Pure: Get-BitLockerVolume fields (enum names as strings) → facts. */
export function bitLockerVolumeFacts(volume: { volumeStatus?: string | null; protectionStatus?: string | null; encryptionMethod?: string | null; encryptionPercentage?: number | null }): BitLockerFacts {
  const protection = volume.protectionStatus?.toLowerCase();
  const method = volume.encryptionMethod ? METHOD_NAMES[volume.encryptionMethod.toLowerCase()] ?? volume.encryptionMethod : undefined;
  const status = volume.volumeStatus?.toLowerCase() ?? '';
  const percent =
    typeof volume.encryptionPercentage === 'number' ? volume.encryptionPercentage
    : status === 'fullyencrypted' ? 100
    : status === 'fullydecrypted' ? 0
    : undefined;
  return { protectionOn: protection === 'on' ? true : protection === 'off' ? false : undefined, percentEncrypted: percent, method };
}

// manage-bde prints its labels and values in the Windows display language. These are the labels
// and the protection values in the languages NHS estates are likely to meet (en, de, fr, es, nl, it).
const PROTECTION_LABELS = /^(Protection Status|Schutzstatus|[ÉE]tat de la protection|Estado de (la )?protecci[oó]n|Beveiligingsstatus|Stato (della )?protezione)$/i;
const METHOD_LABELS = /^(Encryption Method|Verschl[üu]sselungsmethode|M[ée]thode de chiffrement|M[ée]todo de cifrado|Versleutelingsmethode|Metodo di crittografia)$/i;
// "Off" phrases are checked first: "deaktiviert" contains "aktiviert", "désactivée" contains "activée".
const PROTECTION_OFF = /(Protection Off|deaktiviert|d[ée]sactiv|desactivad|uitgeschakeld|disattivat)/i;
const PROTECTION_ON = /(Protection On|aktiviert|activ[ée]e|activad|ingeschakeld|attivat)/i;
const NO_METHOD = /^(None|Kein|Keine|Aucun|Aucune|Ninguno|Ninguna|Geen|Nessuno)$/i;

/**
 * Pure: `manage-bde -status C:` text, in any of the languages above → facts. The percentage
 * is recognised by its shape ("100.0%", "100,0 %"), which does not depend on the language.
 */
export function parseManageBdeStatus(text: string): BitLockerFacts | { unknown: string } {
  const facts: BitLockerFacts = {};
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(/^\s*([^:]+?)\s*:\s*(.+?)\s*$/);
    if (!match) continue;
    const [, label = '', value = ''] = match;
    const percent = value.match(/^(\d{1,3}(?:[.,]\d+)?)\s*%$/);
    if (percent && facts.percentEncrypted === undefined) facts.percentEncrypted = Number((percent[1] as string).replace(',', '.'));
    else if (PROTECTION_LABELS.test(label)) facts.protectionOn = PROTECTION_OFF.test(value) ? false : PROTECTION_ON.test(value) ? true : undefined;
    else if (METHOD_LABELS.test(label)) facts.method = NO_METHOD.test(value) ? 'none' : value.slice(0, 40);
  }
  if (facts.percentEncrypted === undefined && facts.protectionOn === undefined && facts.method === undefined) {
    const first = text.split(/\r?\n/).find((l) => l.trim())?.trim();
    return unknown(first ? `manage-bde output not understood: ${first.slice(0, 120)}` : 'manage-bde printed nothing');
  }
  return facts;
}

/**
 * Pure: facts → protocol. Enabled means protectors on and the volume fully encrypted: a
 * suspended volume keeps its key in the clear on disk, and one still encrypting is partly plain.
 */
export function mapBitLocker(facts: BitLockerFacts): DiskEncryption {
  const percent = facts.percentEncrypted;
  if (facts.method === 'none' || percent === 0) return { enabled: false, method: 'none' };
  const name = facts.method ? `BitLocker ${facts.method}` : 'BitLocker';
  if (facts.protectionOn === undefined && percent === undefined) return unknown('BitLocker reported neither protection status nor progress');
  if (percent !== undefined && percent < 100) return { enabled: false, method: `${name} (encryption in progress)` };
  if (facts.protectionOn === false) return { enabled: false, method: `${name} (protection suspended)` };
  if (facts.protectionOn === undefined) return unknown('BitLocker protection status not reported (volume locked?)');
  return { enabled: true, method: name };
}
