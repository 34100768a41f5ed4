// Each command is loaded when asked for: `mes station --simulate` starts its simulator before it loads the station
// (node-opcua and the rest take a second or more), and `mes help` loads only the help texts.
async function help(): Promise<string> {
  const [station, simulate, importing, rebuild, verify, plant] = await Promise.all([
    import('./station'),
    import('./simulate'),
    import('./import'),
    import('./rebuild'),
    import('./verify'),
    import('./plant'),
  ]);
  return `mes — control-room MES station

${station.STATION_HELP}

${simulate.SIMULATE_HELP}

${importing.IMPORT_HELP}

${rebuild.REBUILD_HELP}

${verify.VERIFY_HELP}

${plant.PLANT_HELP}

${plant.ADD_STATION_HELP}

${plant.ADD_USER_HELP}

${plant.DISABLE_USER_HELP}

${plant.RESUME_HELP}

mes help      this text`;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'station':
      return (await import('./station')).station(rest);
    case 'simulate':
      return (await import('./simulate')).simulate(rest);
    case 'import':
      return (await import('./import')).importFiles(rest);
    case 'rebuild':
      return (await import('./rebuild')).rebuild(rest);
    case 'verify':
      return (await import('./verify')).verify(rest);
    case 'plant':
      return (await import('./plant')).plant(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${await help()}\n`);
      return;
    default:
      process.stderr.write(`mes: unknown command "${command}"\n\n${await help()}\n`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`mes: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
