import { expect } from '@open-wc/testing';
import {
  AbortedError,
  ApiError,
  DvcError,
  errorMessageKey,
  isAbortError,
  NetworkError,
  OfflineError,
  RateLimitedError,
  TimeoutError,
  toDvcError,
  ValidationError,
} from '../src/errors.js';

describe('errors', () => {
  it('set explicit names that survive minification and keep the cause', () => {
    const cause = new Error('root');
    const cases: Array<[DvcError, string]> = [
      [new DvcError('x', { cause }), 'DvcError'],
      [new ApiError(404, 'not_found', 'x', { a: 1 }, { cause }), 'ApiError'],
      [new RateLimitedError(429, 'rate_limited', 'x', 30, undefined, { cause }), 'RateLimitedError'],
      [new NetworkError('x', { cause }), 'NetworkError'],
      [new OfflineError('x', { cause }), 'OfflineError'],
      [new TimeoutError(10, { cause }), 'TimeoutError'],
      [new ValidationError('x', [{ path: 'a', message: 'b' }], { cause }), 'ValidationError'],
      [new AbortedError('x', { cause }), 'AbortedError'],
    ];
    for (const [error, name] of cases) {
      expect(error.name).to.equal(name);
      expect(error).to.be.instanceOf(DvcError);
      expect(error).to.be.instanceOf(Error);
      expect(error.cause).to.equal(cause);
    }
    expect(new DvcError('no cause').cause).to.equal(undefined);
  });

  it('carry their data', () => {
    const api = new ApiError(409, 'conflict', 'taken', { slot: 'x' });
    expect([api.status, api.code, api.message, api.details]).to.deep.equal([409, 'conflict', 'taken', { slot: 'x' }]);
    const rl = new RateLimitedError(429, 'rate_limited', 'slow down', 42);
    expect(rl).to.be.instanceOf(ApiError);
    expect(rl.retryAfter).to.equal(42);
    expect(new OfflineError()).to.be.instanceOf(NetworkError);
    expect(new TimeoutError(5000).timeoutMs).to.equal(5000);
    expect(new ValidationError('bad').issues).to.deep.equal([]);
  });

  it('toDvcError maps anything to a named class', () => {
    const own = new ApiError(500, 'internal', 'x');
    expect(toDvcError(own)).to.equal(own);
    expect(toDvcError(new DOMException('aborted', 'AbortError'))).to.be.instanceOf(AbortedError);
    expect(toDvcError(new DOMException('t', 'TimeoutError'))).to.be.instanceOf(TimeoutError);
    expect(toDvcError(new TypeError('Failed to fetch'))).to.be.instanceOf(NetworkError);
    const wrapped = toDvcError('a string');
    expect(wrapped.constructor).to.equal(DvcError);
    expect(wrapped.message).to.equal('a string');
    expect(wrapped.cause).to.equal('a string');
    expect(toDvcError(new RangeError('r')).message).to.equal('r');
    expect(toDvcError(undefined).message).to.equal('undefined');
    expect(toDvcError('').message).to.equal('Unexpected error');
  });

  it('isAbortError recognises ours and the platform one', () => {
    expect(isAbortError(new AbortedError())).to.equal(true);
    expect(isAbortError(new DOMException('x', 'AbortError'))).to.equal(true);
    expect(isAbortError(new Error('x'))).to.equal(false);
    expect(isAbortError(null)).to.equal(false);
  });

  it('errorMessageKey picks a core string for each case', () => {
    expect(errorMessageKey(new RateLimitedError(429, 'rate_limited', 'x', 12.2))).to.deep.equal({
      key: 'error.rateLimitedSeconds',
      values: { count: 13, seconds: 13 },
    });
    expect(errorMessageKey(new RateLimitedError(429, 'rate_limited', 'x', undefined)).key).to.equal('error.rateLimited');
    expect(errorMessageKey(new OfflineError()).key).to.equal('error.offline');
    expect(errorMessageKey(new NetworkError()).key).to.equal('error.network');
    expect(errorMessageKey(new TimeoutError(1)).key).to.equal('error.timeout');
    expect(errorMessageKey(new ValidationError('x')).key).to.equal('error.invalidResponse');
    expect(errorMessageKey(new AbortedError()).key).to.equal('error.aborted');
    expect(errorMessageKey(new ApiError(404, 'not_found', 'x')).key).to.equal('error.notFound');
    expect(errorMessageKey(new ApiError(409, 'conflict', 'x')).key).to.equal('error.conflict');
    expect(errorMessageKey(new ApiError(422, 'unprocessable', 'x')).key).to.equal('error.invalidRequest');
    expect(errorMessageKey(new ApiError(400, 'invalid_request', 'x')).key).to.equal('error.invalidRequest');
    expect(errorMessageKey(new ApiError(503, 'unavailable', 'x')).key).to.equal('error.unavailable');
    expect(errorMessageKey(new ApiError(500, 'internal', 'x')).key).to.equal('error.server');
    expect(errorMessageKey(new ApiError(403, 'forbidden', 'x')).key).to.equal('error.request');
    expect(errorMessageKey(new Error('?')).key).to.equal('error.unexpected');
  });
});
