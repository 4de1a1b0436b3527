import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiErrorCode } from '@gpbook/shared/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Errors Fastify and Node's HTTP parser answer before any route or hook of ours runs, answered in the patient
 * API's one error shape `{ error: { code, message } }` like everything else.
 */

/** Fastify's `frameworkErrors`: a malformed percent-escape (400) or a path parameter over the length limit (414). */
export function bffFrameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply
    .code(tooLong ? 414 : 400)
    .send(apiError('bad_request', tooLong ? 'The address is too long' : 'The address is not valid'));
}

function apiError(code: ApiErrorCode, message: string) {
  return { error: { code, message } };
}

/**
 * Node's `clientError`: a request the HTTP parser refused (headers over the 16 KB limit, a malformed request line,
 * a client too slow to send its headers). Answers in full, saying `Connection: close` because the socket is then
 * closed, so a keep-alive client sees an answer and not "socket hang up".
 */
export function clientErrorAnswer(
  answer: (status: number) => { contentType: string; body: string },
): (error: NodeJS.ErrnoException, socket: Socket) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const { contentType, body } = answer(status);
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
          `Content-Type: ${contentType}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Connection: close\r\n\r\n' +
          body,
      );
    }
    socket.destroy();
  };
}

/** The BFF's answers to parser errors. */
export const bffClientError = clientErrorAnswer((status) => ({
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(
    apiError(
      'bad_request',
      status === 431
        ? 'The request’s headers are too large'
        : status === 408
          ? 'The request took too long to arrive'
          : 'The request is not valid HTTP',
    ),
  ),
}));
