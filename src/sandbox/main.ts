/** `npm run sandbox`: starts the sandbox and prints where it listens. Options: --port N, --rate N. */
import { DEFAULT_PORT, DEFAULT_RATE_PER_MINUTE, helpText, startSandbox } from './server';

function numberArg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) {
    process.stderr.write(`sandbox: ${name} needs a whole number\n`);
    process.exit(2);
  }
  return n;
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const port = numberArg(args, '--port', Number(process.env.API_DOCTOR_SANDBOX_PORT) || DEFAULT_PORT);
  const ratePerMinute = Math.max(1, numberArg(args, '--rate', DEFAULT_RATE_PER_MINUTE));
  try {
    const sandbox = await startSandbox({ port, ratePerMinute });
    process.stdout.write(`API Doctor sandbox listening on ${sandbox.url}\n\n${helpText(sandbox.url, ratePerMinute)}`);
    const stop = () => void sandbox.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(code === 'EADDRINUSE' ? `sandbox: port ${port} is in use; pick another with --port\n` : `sandbox: ${String(err)}\n`);
    process.exit(1);
  }
}

void run();
