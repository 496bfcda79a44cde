import type { NetworkIdentity } from '../../queries/network-identity.js';
import { count } from '../format.js';
import { TableHead } from '../components.js';

const SOURCES: Record<string, string> = {
  entity: 'ENTITY-MIB',
  sysdescr: 'sysDescr',
  vendor_mib: "the vendor's MIB",
};

/**
 * A polled box as its last poll identified it: family and model, the firmware whole with its train and
 * where it was read, what the sources disagreed on and which won, and each member of a stack.
 */
export function NetworkIdentitySection(props: { identity: NetworkIdentity }) {
  const { identity } = props;
  const firmware = identity.firmware
    ? `${identity.firmware}${identity.firmware_train ? ` (train ${identity.firmware_train})` : ''}${identity.firmware_source ? `, from ${SOURCES[identity.firmware_source] ?? identity.firmware_source}` : ''}`
    : '–';
  return (
    <section aria-labelledby="identity-heading">
      <h2 id="identity-heading">Identity</h2>
      <dl class="facts" id="network-identity">
        <div><dt>Vendor</dt><dd data-value="vendor">{identity.vendor || '–'}</dd></div>
        <div><dt>Family</dt><dd data-value="family">{identity.family || '–'}</dd></div>
        <div><dt>Model</dt><dd data-value="model">{identity.model || '–'}</dd></div>
        <div><dt>Serial</dt><dd data-value="serial">{identity.serial || '–'}</dd></div>
        <div><dt>Firmware</dt><dd data-value="firmware">{firmware}</dd></div>
        <div><dt>sysObjectID</dt><dd>{identity.sys_object_id || '–'}</dd></div>
        {identity.radio_count > 0 && <div><dt>Wi-Fi radios reported</dt><dd data-value="radio-count">{count(identity.radio_count)}</dd></div>}
      </dl>
      {identity.identity_notes.length > 0 && (
        <ul id="identity-notes">
          {identity.identity_notes.map((note) => <li>{note}</li>)}
        </ul>
      )}
      {identity.stack_members.length > 0 && (
        <table class="data" id="stack-members">
          <caption>Stack or virtual-chassis members ({count(identity.stack_members.length)})</caption>
          <TableHead columns={['Position', 'Model', 'Serial', 'Firmware', 'Hardware revision']} />
          <tbody>
            {identity.stack_members.map((m) => (
              <tr data-position={m.position ?? ''}>
                <th scope="row">{m.position ?? '–'}</th>
                <td>{m.model || '–'}</td>
                <td data-value="serial">{m.serial || '–'}</td>
                <td>{m.firmware || '–'}</td>
                <td>{m.hardware_revision || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
