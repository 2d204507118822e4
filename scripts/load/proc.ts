/** Reads a process's CPU time and memory from /proc (Linux), for the load benchmark's report. */
import { readFileSync, readdirSync } from 'node:fs';

const CLK_TCK = 100;

/** utime + stime in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name is in parentheses and may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Current and peak resident memory in MB (VmRSS, VmHWM). */
export function memoryMB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** Every live descendant of `root`. */
export function descendants(root: number): number[] {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const out: number[] = [];
  const wanted = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pid of all) {
      if (wanted.has(pid)) continue;
      const ppid = parentOf(pid);
      if (ppid !== null && wanted.has(ppid)) {
        wanted.add(pid);
        out.push(pid);
        grew = true;
      }
    }
  }
  return out;
}

/** The process that actually serves under `npm start` (npm → sh → tsx → node): the descendant using the most memory. */
export function serverProcess(root: number): number {
  const pids = [root, ...descendants(root)];
  let best = root;
  let most = -1;
  for (const pid of pids) {
    try {
      const { rss } = memoryMB(pid);
      if (rss > most) {
        most = rss;
        best = pid;
      }
    } catch {
      // gone
    }
  }
  return best;
}

/** Samples a process's memory while a measurement runs; stop() returns CPU used and peak RSS over the window. */
export function sampler(pid: number) {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  let peak = memoryMB(pid).rss;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, memoryMB(pid).rss);
    } catch {
      // exited
    }
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = cpuSeconds(pid) - cpu0;
      return { cpuSeconds: round(cpu), cpuPercentOfOneCore: round((100 * cpu) / seconds), peakRssMB: round(Math.max(peak, memoryMB(pid).rss)), wallSeconds: round(seconds) };
    },
  };
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
