import { describe, expect, it } from 'vitest';
import { claimValues, groupOverage, OidcMappingError, parseOidcMapping, principalFor } from '../../../collector/identity/oidc-mapping.js';

const MAPPING = `# Entra app roles of the collector's app registration
grants:
  - value: SF.Admin
    role: admin
    trusts: all
  - value: SF.Viewer.RX1
    role: viewer
    trusts: [rx1]
  - value: 6f1d2c3b-0000-4000-8000-000000000002   # a group object id
    role: viewer
    trusts: [rx2, rx1]
  - value: SF.Viewer.All
    role: viewer
    trusts: all
`;
const ISSUER = 'https://login.microsoftonline.com/tenant/v2.0';
const identity = (values: string[]) => ({ issuer: ISSUER, subject: 'sub-1', name: 'A. User', values });

describe('OIDC claim mapping', () => {
  const mapping = parseOidcMapping(MAPPING, 'oidc-grants.yaml');

  it('maps an app role to a viewer of its trusts, with the provider and subject as the credential', () => {
    expect(principalFor(mapping, identity(['SF.Viewer.RX1']))).toEqual({ role: 'viewer', trusts: ['rx1'], credential: `oidc:${ISSUER}#sub-1`, name: 'A. User' });
  });

  it('joins the trusts of every matched grant; one grant of all trusts gives all', () => {
    expect(principalFor(mapping, identity(['SF.Viewer.RX1', '6f1d2c3b-0000-4000-8000-000000000002']))?.trusts).toEqual(['rx1', 'rx2']);
    expect(principalFor(mapping, identity(['SF.Viewer.RX1', 'SF.Viewer.All']))?.trusts).toBe('all');
  });

  it('an admin grant makes an admin of every trust, whatever else matched', () => {
    expect(principalFor(mapping, identity(['SF.Viewer.RX1', 'SF.Admin']))).toMatchObject({ role: 'admin', trusts: 'all' });
  });

  it('no matched value, no values, or a value differing only in case gives no principal (fail closed)', () => {
    expect(principalFor(mapping, identity(['SF.Other']))).toBeUndefined();
    expect(principalFor(mapping, identity([]))).toBeUndefined();
    expect(principalFor(mapping, identity(['sf.admin']))).toBeUndefined();
  });

  it('reads the claim as a list or a single string, ignoring non-strings', () => {
    expect(claimValues({ roles: ['a', 3, 'b'] }, 'roles')).toEqual(['a', 'b']);
    expect(claimValues({ roles: 'a' }, 'roles')).toEqual(['a']);
    expect(claimValues({ roles: { a: 1 } }, 'roles')).toEqual([]);
    expect(claimValues({}, 'groups')).toEqual([]);
  });

  it("recognises Entra's group overage (groups moved to _claim_names)", () => {
    expect(groupOverage({ _claim_names: { groups: 'src1' }, _claim_sources: { src1: {} } }, 'groups')).toBe(true);
    expect(groupOverage({ groups: ['g'] }, 'groups')).toBe(false);
    expect(groupOverage({}, 'groups')).toBe(false);
  });

  it('refuses a bad file, naming the file, the line and the field', () => {
    const fails = (text: string) => {
      try {
        parseOidcMapping(text, 'grants.yaml');
      } catch (error) {
        expect(error).toBeInstanceOf(OidcMappingError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(fails('grants:\n  - value: A\n    role: viewer\n    trusts: all\n  - value: B\n    role: admin\n    trusts: [rx1]\n')).toMatch(/^grants\.yaml:7: grants\.1\.trusts: an admin administers the whole collector/);
    expect(fails('grants:\n  - value: A\n    role: owner\n    trusts: all\n')).toMatch(/^grants\.yaml:3: grants\.0\.role: /);
    expect(fails('grants:\n  - value: A\n    role: viewer\n    trusts: []\n')).toMatch(/^grants\.yaml:4: grants\.0\.trusts: /);
    expect(fails('grants:\n  - value: A\n    role: viewer\n    trusts: all\n  - value: A\n    role: viewer\n    trusts: [rx1]\n')).toMatch(/^grants\.yaml:5: grants\.1\.value: repeats grants\.0 \(A\)/);
    expect(fails('grants:\n  - value: A\n    role: viewer\n    trusts: all\n    trust: rx1\n')).toMatch(/^grants\.yaml:2: grants\.0: /);
    expect(fails('grants: [\n')).toMatch(/^grants\.yaml:\d+: not valid YAML/);
    expect(fails('grants: []\n')).toMatch(/^grants\.yaml:1: grants: must list at least one grant/);
  });
});
