import { expect } from '@open-wc/testing';
import {
  AbortedError,
  ApiError,
  contactMessageKey,
  DvcError,
  errorFromRecord,
  errorMessageKey,
  InProgressError,
  isAbortError,
  isRepeatedServerFault,
  isTransient,
  NetworkError,
  OfflineError,
  RateLimitedError,
  refusalOf,
  RequestRefusedError,
  ServiceMisconfiguredError,
  TimeoutError,
  toDvcError,
  toErrorRecord,
  trackServerFault,
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
      [new InProgressError('x', 1, undefined, { cause }), 'InProgressError'],
      [new ServiceMisconfiguredError({ apiBase: '', url: '/v1/fields', status: 404 }, 'x', { cause }), 'ServiceMisconfiguredError'],
      [new RequestRefusedError('cors', {}, 'x', { cause }), 'RequestRefusedError'],
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
    expect(errorMessageKey(new ApiError(502, 'internal', 'x')).key).to.equal('error.unavailable');
    expect(errorMessageKey(new ApiError(504, 'internal', 'x')).key).to.equal('error.unavailable');
    expect(errorMessageKey(new ApiError(500, 'internal', 'x')).key).to.equal('error.server');
    expect(errorMessageKey(new ApiError(403, 'forbidden', 'x')).key).to.equal('error.request');
    expect(errorMessageKey(new Error('?')).key).to.equal('error.unexpected');
  });

  it('the new states carry what the widget and the webmaster need', () => {
    const misconfigured = new ServiceMisconfiguredError({ apiBase: '/api', url: 'https://portal.example/api/v1/fields', status: 200, contentType: 'text/html' });
    expect(misconfigured).to.not.be.instanceOf(ApiError);
    expect(misconfigured.message).to.equal('Not the dvc-widgets API: https://portal.example/api/v1/fields (HTTP 200)');

    const refused = new RequestRefusedError('cors', { url: 'https://api.example/v1/appointments' });
    expect(refused).to.not.be.instanceOf(ApiError);
    expect(refused).to.not.be.instanceOf(NetworkError);
    expect(refused.message).to.equal('Refused (cors)');
    expect([refused.status, refused.code, refused.details]).to.deep.equal([undefined, undefined, undefined]);
    const fieldIssues = { issues: [{ path: 'comment', message: 'Không được chứa ký tự điều khiển' }] };
    const server = new RequestRefusedError('server', { status: 500, code: 'internal', details: fieldIssues }, 'db');
    expect([server.reason, server.status, server.code, server.message, server.details]).to.deep.equal(['server', 500, 'internal', 'db', fieldIssues]);

    const busy = new InProgressError('busy', 1, { reason: 'in_progress' });
    expect(busy).to.be.instanceOf(RateLimitedError);
    expect([busy.status, busy.code, busy.retryAfter]).to.deep.equal([409, 'conflict', 1]);
  });

  it('refusalOf: the one rule for "no retry can fix this"', () => {
    const final: Array<[unknown, string]> = [
      [new RequestRefusedError('cors'), 'cors'],
      [new RequestRefusedError('server'), 'server'],
      [new ServiceMisconfiguredError({ apiBase: '', url: '/', status: 404 }), 'misconfigured'],
      [new ApiError(400, 'invalid_request', 'x', { issues: [] }), 'client'],
      [new ApiError(401, 'unauthorized', 'x'), 'client'],
      [new ApiError(404, 'not_found', 'x'), 'client'],
      [new ApiError(409, 'conflict', 'x'), 'client'],
      [new ApiError(422, 'unprocessable', 'x'), 'client'],
    ];
    for (const [error, reason] of final) {
      expect(refusalOf(error), (error as Error).name).to.equal(reason);
      expect(isTransient(error), (error as Error).name).to.equal(false);
    }
    const later = [
      new NetworkError(),
      new OfflineError(),
      new TimeoutError(1),
      new ValidationError('x'),
      new ApiError(408, 'internal', 'x'),
      new ApiError(425, 'internal', 'x'),
      new RateLimitedError(429, 'rate_limited', 'x', 5),
      new InProgressError('x', 1),
      new ApiError(500, 'internal', 'x'),
      new ApiError(503, 'unavailable', 'x'),
      new TypeError('Failed to fetch'),
    ];
    for (const error of later) {
      expect(refusalOf(error), error.name).to.equal(undefined);
      expect(isTransient(error), error.name).to.equal(true);
    }
    expect(isTransient(new AbortedError())).to.equal(false);
    expect(isTransient(new Error('?'))).to.equal(false);
  });

  it('the server-fault rule: the same 5xx (not a gateway) N times, and a success since the first', () => {
    let fault = trackServerFault(undefined, new ApiError(500, 'internal', 'x'), 10);
    expect(fault).to.deep.equal({ status: 500, count: 1, since: 10 });
    fault = trackServerFault(fault, new ApiError(500, 'internal', 'x'), 20);
    fault = trackServerFault(fault, new ApiError(500, 'internal', 'x'), 30);
    expect(fault).to.deep.equal({ status: 500, count: 3, since: 10 });
    expect(isRepeatedServerFault(fault, 11, 3)).to.equal(true);
    expect(isRepeatedServerFault(fault, 10, 3), 'a success before the first fault').to.equal(false);
    expect(isRepeatedServerFault(fault, undefined, 3), 'no success on this page').to.equal(false);
    expect(isRepeatedServerFault(fault, 11, 4), 'not often enough').to.equal(false);
    expect(isRepeatedServerFault(undefined, 11, 1)).to.equal(false);
    // Another status starts over; gateways, rate limits and anything else end the run.
    expect(trackServerFault(fault, new ApiError(501, 'internal', 'x'), 40)).to.deep.equal({ status: 501, count: 1, since: 40 });
    expect(trackServerFault(fault, new ApiError(502, 'internal', 'x'), 40)).to.equal(undefined);
    expect(trackServerFault(fault, new RateLimitedError(503, 'unavailable', 'x', 3), 40)).to.equal(undefined);
    expect(trackServerFault(fault, new ApiError(404, 'not_found', 'x'), 40)).to.equal(undefined);
    expect(trackServerFault(fault, new NetworkError(), 40)).to.equal(undefined);
  });

  it('an error survives as a record (IndexedDB) with its class and fields', () => {
    const errors: DvcError[] = [
      new ApiError(400, 'invalid_request', 'Dữ liệu không hợp lệ', { issues: [{ path: 'note', message: 'x' }] }),
      new RateLimitedError(429, 'rate_limited', 'slow', 30),
      new InProgressError('busy', 1, { reason: 'in_progress' }),
      new RequestRefusedError('server', { url: 'https://a/v1/x', status: 500, code: 'internal', details: { id: 1 } }, 'db'),
      new ServiceMisconfiguredError({ apiBase: '/api', url: 'https://p/api/v1/fields', status: 404, contentType: 'text/html' }),
      new NetworkError('reset'),
      new OfflineError(),
      new TimeoutError(10_000),
      new ValidationError('shape', [{ path: 'items', message: 'expected array' }]),
      new AbortedError(),
      new DvcError('odd'),
    ];
    for (const error of errors) {
      const record = toErrorRecord(error);
      const copy = errorFromRecord(structuredClone(record));
      expect(copy.constructor, error.name).to.equal(error.constructor);
      expect(toErrorRecord(copy), error.name).to.deep.equal(record);
    }
    expect(toErrorRecord(new RequestRefusedError('cors'))).to.deep.equal({ name: 'RequestRefusedError', message: 'Refused (cors)', reason: 'cors' });
    const revived = errorFromRecord({ name: 'ApiError', message: 'm', status: 404, code: 'not_found' }) as ApiError;
    expect(revived).to.be.instanceOf(ApiError).and.instanceOf(Error);
    expect([revived.name, revived.message, revived.status, revived.code]).to.deep.equal(['ApiError', 'm', 404, 'not_found']);
    expect(errorMessageKey(revived).key).to.equal('error.notFound');
    const unknown = errorFromRecord({ name: 'SomethingElse', message: 'm' });
    expect(unknown.constructor).to.equal(DvcError);
    expect(unknown.name).to.equal('SomethingElse');
    expect(toErrorRecord('plain').name).to.equal('DvcError');
  });

  it('final states give a way forward: the office’s phone (and name), or the office itself', () => {
    expect(contactMessageKey()).to.deep.equal({ key: 'contact.visit' });
    expect(contactMessageKey({ phone: '  ' })).to.deep.equal({ key: 'contact.visit' });
    expect(contactMessageKey({ phone: '028 3829 7777' })).to.deep.equal({ key: 'contact.call', values: { phone: '028 3829 7777' } });
    expect(contactMessageKey({ phone: '028 3829 7777', name: 'UBND Quận 1' })).to.deep.equal({
      key: 'contact.callNamed',
      values: { phone: '028 3829 7777', name: 'UBND Quận 1' },
    });
    const contact = { phone: '1900 1234' };
    const help = { key: 'contact.call', values: { phone: '1900 1234' } };
    expect(errorMessageKey(new ServiceMisconfiguredError({ apiBase: '', url: '/', status: 404 }), contact)).to.deep.equal({ key: 'error.misconfigured', help });
    expect(errorMessageKey(new RequestRefusedError('cors'), contact)).to.deep.equal({ key: 'error.refusedOrigin', help });
    expect(errorMessageKey(new RequestRefusedError('client'), contact)).to.deep.equal({ key: 'error.refused', help });
    expect(errorMessageKey(new RequestRefusedError('server'))).to.deep.equal({ key: 'error.refusedServer', help: { key: 'contact.visit' } });
    // Transient errors need no phone: trying again is the way forward.
    expect(errorMessageKey(new NetworkError(), contact)).to.deep.equal({ key: 'error.network' });
    expect(errorMessageKey(new InProgressError('x', undefined))).to.deep.equal({ key: 'error.inProgress' });
    expect(errorMessageKey(new InProgressError('x', 0)).values).to.deep.equal({ count: 1, seconds: 1 });
  });
});
