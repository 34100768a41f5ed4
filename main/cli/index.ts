import { IMPORT_HELP, importFiles } from './import';
import { REBUILD_HELP, rebuild } from './rebuild';
import { SIMULATE_HELP, simulate } from './simulate';
import { STATION_HELP, station } from './station';

const HELP = `mes — control-room MES station

${STATION_HELP}

${SIMULATE_HELP}

${IMPORT_HELP}

${REBUILD_HELP}

mes help      this text`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'station':
      return station(rest);
    case 'simulate':
      return simulate(rest);
    case 'import':
      return importFiles(rest);
    case 'rebuild':
      return rebuild(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${HELP}\n`);
      return;
    default:
      process.stderr.write(`mes: unknown command "${command}"\n\n${HELP}\n`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`mes: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
