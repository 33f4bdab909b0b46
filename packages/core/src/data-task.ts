import { initialState, Task, TaskStatus, type StatusRenderer, type TaskConfig } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DvcError, isAbortError, toDvcError } from './errors.js';

export { TaskStatus };

export interface DataTaskOptions<A extends readonly unknown[], R> {
  /** The task's inputs; it re-runs (with autoRun) when any of them changes. */
  args?: () => A;
  /** The work. Pass `signal` to the API client: it aborts when a newer run starts or the host leaves. */
  task: (args: A, options: { signal: AbortSignal }) => Promise<R>;
  /** `true` (default): run on update when args change; `false`: only on `run()`. */
  autoRun?: boolean | 'afterUpdate';
  initialValue?: R;
  onComplete?: (value: R) => void;
  onError?: (error: DvcError) => void;
}

export interface DataTaskRenderer<R> {
  initial?: () => unknown;
  pending?: () => unknown;
  complete?: (value: R) => unknown;
  error?: (error: DvcError) => unknown;
}

/**
 * Async data for a widget, as a reactive controller on @lit/task. Adds to Task:
 * - errors are always one of the named classes (errors.ts), never strings or DOMExceptions;
 * - an aborted run is never an error: when the host disconnects mid-run the task goes back to
 *   INITIAL (or keeps its previous value) and runs again when the host comes back;
 * - stale answers are dropped (Task's own run counter), and the stale run's fetch is aborted.
 */
export class DataTask<A extends readonly unknown[] = readonly unknown[], R = unknown> implements ReactiveController {
  private readonly task: Task<A, R>;
  private interrupted = false;
  private lastArgs: A | undefined;

  constructor(host: ReactiveControllerHost, options: DataTaskOptions<A, R>) {
    const { task, onError, ...rest } = options;
    const config: TaskConfig<A, R> = {
      ...rest,
      task: async (args: A, { signal }: { signal: AbortSignal }) => {
        this.lastArgs = args;
        this.interrupted = false;
        try {
          return await task(args, { signal });
        } catch (error) {
          // Aborted by a newer run (Task discards this result anyway) or by disconnection:
          // not an error state. Without a previous value the task shows its initial state.
          if (signal.aborted || isAbortError(error)) {
            this.interrupted = true;
            return this.task.value !== undefined ? this.task.value : (initialState as unknown as R);
          }
          throw toDvcError(error);
        }
      },
      onError: onError ? (e: unknown) => onError(toDvcError(e)) : undefined,
    };
    this.task = new Task<A, R>(host, config);
    host.addController(this);
  }

  hostConnected(): void {
    // Came back after being removed mid-run: finish the job.
    if (this.interrupted) {
      this.interrupted = false;
      void this.task.run(this.lastArgs);
    }
  }

  hostDisconnected(): void {
    this.task.abort();
  }

  /** Runs now (with the given args, else the args function's). Resolves when settled; never rejects. */
  async run(args?: A): Promise<void> {
    await this.task.run(args);
  }

  abort(reason?: unknown): void {
    this.task.abort(reason);
  }

  get status(): TaskStatus {
    return this.task.status;
  }
  get value(): R | undefined {
    return this.task.value;
  }
  get error(): DvcError | undefined {
    return this.task.error === undefined ? undefined : toDvcError(this.task.error);
  }
  /** Resolves with the value of the current run; rejects with its (named) error. */
  get taskComplete(): Promise<R> {
    return this.task.taskComplete.catch((e: unknown) => Promise.reject(toDvcError(e)));
  }

  render(renderer: DataTaskRenderer<R>): unknown {
    return this.task.render({
      initial: renderer.initial,
      pending: renderer.pending,
      complete: renderer.complete,
      error: renderer.error ? (e: unknown) => renderer.error!(toDvcError(e)) : undefined,
    } as StatusRenderer<R>);
  }
}
