// Prints firmware catalogue trains (collector/lifecycle/firmware.yaml) made from a dated release list,
// so a review of the catalogue is a re-run, not hand-copying. Paste the output under `trains:`, replacing
// the train's old entry, then set `reviewed` (docs/scoring.md, "Firmware release catalogue").
//
//   npx tsx scripts/firmware-catalogue-import.ts --platform fortios --train 7.4 \
//     --source https://docs.fortinet.com/product/fortigate/7.4 --confidence estimated \
//     --note "…how the dates were read…" releases.txt
//
// FILE is endoflife.date release data (github.com/endoflife-date/release-data releases/<product>.json,
// its `versions`) when it ends in .json, else a list of `version YYYY-MM-DD [source]` lines. Versions the
// collector cannot key as releases of the platform are skipped and listed on stderr. Without --source,
// each train's source is the page its newest release was read from (every line must then name one).
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { importTrains, releaseDataVersions, releaseListVersions, trainsYaml } from '../collector/lifecycle/firmware-import.js';
import { FIRMWARE_PLATFORMS } from '../collector/lifecycle/firmware-version.js';

const program = new Command('firmware-catalogue-import')
  .description('Print firmware catalogue trains from endoflife.date release data or a dated release list')
  .argument('<file>', 'release-data JSON (releases/<product>.json) or a "version date [source]" list; - for stdin (a list)')
  .addOption(new Option('--platform <platform>', 'catalogue platform').choices([...FIRMWARE_PLATFORMS.keys()]).makeOptionMandatory())
  .option('--source <url>', 'the vendor page the dates come from (the train\'s source; {train} is replaced by the train); without it, each train\'s source is the page its newest release names')
  .addOption(new Option('--confidence <confidence>', 'published: the vendor states the dates; estimated: derived (say how in --note)').choices(['published', 'estimated']).default('published'))
  .option('--note <text>', 'how the dates were read, and the data file (repository, path, commit)')
  .option('--train <train...>', 'only these trains (default: every train in the file)')
  .option('--up-to <date>', 'leave out releases after this day (the review date)')
  .option('--listed-to-newest', 'set each train\'s listed_to to its newest release\'s day (a source that cannot show no newer release is out)')
  .action((file: string, options: { platform: string; source?: string; confidence: 'published' | 'estimated'; note?: string; train?: string[]; upTo?: string; listedToNewest?: boolean }) => {
    const text = readFileSync(file === '-' ? 0 : file, 'utf8');
    const releases = file.endsWith('.json') ? releaseDataVersions(JSON.parse(text)) : releaseListVersions(text);
    if (options.confidence === 'estimated' && !options.note) program.error('--confidence estimated needs --note saying how the dates were derived');
    if (!options.source && releases.some((r) => !r.source)) program.error('--source is needed unless every line of the list names the page its date was read from');
    const { trains, skipped } = importTrains(options.platform, releases, { ...options, trains: options.train });
    for (const s of skipped) process.stderr.write(`skipped ${s.version}: ${s.reason}\n`);
    if (trains.length === 0) program.error(`no ${options.platform} releases${options.train ? ` of train ${options.train.join(', ')}` : ''} in ${file}`);
    process.stdout.write(trainsYaml(trains));
  });

program.parse();
