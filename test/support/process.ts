import { spawn } from "node:child_process";

/** What one child process did. */
export interface ProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as they arrived, as a terminal would show them. */
  readonly output: string;
}

/**
 * Runs a command to completion and collects what it printed. Asynchronous on purpose: an emulator
 * serving from the test's own process must keep answering while the child runs.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout.on("data", (chunk) => ((stdout += chunk), (output += chunk)));
    child.stderr.on("data", (chunk) => ((stderr += chunk), (output += chunk)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output }));
  });
}

/** A child process still running: what it printed so far, and its end. */
export interface RunningProcess {
  readonly pid: number;
  /** stdout and stderr interleaved, so far. */
  output(): string;
  readonly finished: Promise<ProcessRun>;
}

/**
 * Starts a command without waiting for it, for tests that act while it runs (e.g. interrupt
 * it). `detached` puts it in a process group of its own, so the test can signal the whole group
 * the way a terminal's Ctrl-C does: `process.kill(-pid, "SIGINT")`.
 */
export function startProcess(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; detached?: boolean },
): RunningProcess {
  const child = spawn(command, args, {
    env: options.env,
    cwd: options.cwd,
    detached: options.detached ?? false,
  });
  let stdout = "";
  let stderr = "";
  let output = "";
  child.stdout.on("data", (chunk) => ((stdout += chunk), (output += chunk)));
  child.stderr.on("data", (chunk) => ((stderr += chunk), (output += chunk)));
  const finished = new Promise<ProcessRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output }));
  });
  return { pid: child.pid ?? -1, output: () => output, finished };
}
