import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_LISTED_PROBLEMS, parseCheckedYaml } from '../../collector/yaml-file.js';

class FileRefused extends Error {}
const Releases = z.object({ reviewed: z.iso.date(), releases: z.array(z.object({ version: z.string(), release: z.iso.date() })) });

// The reader of the files administrators edit: a refusal lists every problem, each with its line, so
// one round of fixes mends the file.
describe('parseCheckedYaml', () => {
  const refusal = (read: () => unknown): string[] => {
    try {
      read();
    } catch (error) {
      expect(error).toBeInstanceOf(FileRefused);
      return (error as Error).message.split('\n');
    }
    throw new Error('not refused');
  };

  it('lists every schema problem, each with its line and field', () => {
    const text = 'reviewed: 2026-13-01\nreleases:\n  - { version: "1.0", release: 2026-01-01 }\n  - { version: "1.1", release: soon }\n';
    expect(refusal(() => parseCheckedYaml(Releases, text, 'week.yaml', FileRefused))).toEqual([
      'week.yaml:1: reviewed: Invalid ISO date',
      'week.yaml:4: releases.1.release: Invalid ISO date',
    ]);
  });

  it("lists every problem the caller's own checks note, after the schema passes; none noted, nothing thrown", () => {
    const text = 'reviewed: 2026-12-01\nreleases:\n  - { version: "1.0", release: 2026-12-09 }\n  - { version: "1.1", release: 2026-12-10 }\n';
    const { data, note, refuseNoted } = parseCheckedYaml(Releases, text, 'week.yaml', FileRefused);
    refuseNoted();
    data.releases.forEach((release, r) => {
      if (release.release > data.reviewed) note(['releases', r, 'release'], 'after the review');
    });
    expect(refusal(refuseNoted)).toEqual(['week.yaml:3: releases.0.release: after the review', 'week.yaml:4: releases.1.release: after the review']);
  });

  it(`lists at most ${MAX_LISTED_PROBLEMS} problems, then how many more`, () => {
    const text = `reviewed: 2026-12-01\nreleases:\n${Array.from({ length: MAX_LISTED_PROBLEMS + 3 }, (_, i) => `  - { version: "1.${i}", release: never }`).join('\n')}\n`;
    const lines = refusal(() => parseCheckedYaml(Releases, text, 'week.yaml', FileRefused));
    expect(lines).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(lines[0]).toBe('week.yaml:3: releases.0.release: Invalid ISO date');
    expect(lines.at(-1)).toBe('week.yaml: and 3 more problems');
  });
});
