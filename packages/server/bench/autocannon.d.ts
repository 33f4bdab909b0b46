// The part of autocannon's API the benchmark uses (the package ships no type declarations).
declare module 'autocannon' {
  interface Histogram {
    average: number;
    total: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    /** Per-request hooks; `setupRequest` may change the path of each request. */
    requests?: { setupRequest?: (request: { path: string }) => { path: string } }[];
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
