/**
 * The command line's manners: `help <command>`, `-v`, a suggestion for a mistyped command or flag, and
 * help that fits 100 columns and shows examples. main() runs in this process; its output is captured.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../contracts/cli/main.ts';
import { TOOL_NAME, TOOL_VERSION } from '../../contracts/version.ts';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  const code = await main(argv);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('help', () => {
  it.each(['verify', 'serve', 'diff'])(
    'bu-contract help %s is its --help: lines of at most 100 columns, with examples',
    async (command) => {
      const viaHelp = await cli('help', command);
      const viaFlag = await cli(command, '--help');
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: bu-contract ${command} `));
      const lines = viaHelp.stdout.split('\n');
      expect(lines.filter((line) => line.length > 100)).toEqual([]);
      const examples = lines.slice(lines.indexOf('Examples:') + 1);
      expect(
        examples.filter(
          (line) => line.startsWith(`  bu-contract ${command}`) || line.includes(` bu-contract ${command} `),
        ).length,
      ).toBeGreaterThan(0);
    },
  );

  it("the top-level help fits too and says how to reach a command's", async () => {
    const { code, stdout } = await cli('help');
    expect(code).toBe(0);
    expect(stdout).toContain('bu-contract help verify');
    expect(stdout.split('\n').filter((line) => line.length > 100)).toEqual([]);
  });
});

describe('version', () => {
  it.each(['-v', '--version'])('%s prints the name and version', async (flag) => {
    expect(await cli(flag)).toEqual({ code: 0, stdout: `${TOOL_NAME} ${TOOL_VERSION}`, stderr: '' });
  });
});

describe('did you mean', () => {
  it('suggests the command a typo was meant to be, exit 2', async () => {
    const { code, stdout, stderr } = await cli('verfy');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('bu-contract: unknown command "verfy"; did you mean verify? (commands: verify, serve, diff)');
    expect((await cli('help', 'dif')).stderr).toMatch(/did you mean diff\?/);
  });

  it.each([
    ['verify', '--runz', '--runs'],
    ['verify', '--base', '--base-url'],
    ['verify', '--skip-pacts', '--skip-pact'],
    ['serve', '--prot', '--port'],
    ['diff', '--jsno', '--json'],
  ])('%s %s: did you mean %s?', async (command, typo, meant) => {
    const { code, stderr } = await cli(command, typo);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `bu-contract ${command}: Unknown option '${typo}'; did you mean ${meant}? (see: bu-contract ${command} --help)`,
    );
  });

  it('suggests nothing for a flag far from any', async () => {
    expect((await cli('verify', '--bogus')).stderr).toBe(
      "bu-contract verify: Unknown option '--bogus' (see: bu-contract verify --help)",
    );
  });
});
