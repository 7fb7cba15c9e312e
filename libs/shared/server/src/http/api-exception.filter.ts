import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiErrorBody } from '@vigie/contracts';
import { assertNever, type DomainErrorCode, isDomainError } from '@vigie/kernel';

/** The one place where domain error codes become HTTP statuses (STYLE rule 11). */
export function httpStatusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'invalid':
      return HttpStatus.BAD_REQUEST;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertNever(code);
  }
}

const codeByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

type BodyParserError = { type: string; status: number; message?: string };

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number'
  );
}

/**
 * Every error leaves the API as `ApiErrorBody`: a stable code, a human message, and the request id
 * so a user's report can be matched with the logs. Unknown errors are logged and answered 500
 * without their details.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send({ exception, request: http.getRequest(), response: http.getResponse() });
  }

  /**
   * Answers one error in the API's shape. Also used by the Express error handler that catches what
   * fails before Nest routes (the JSON body parser), so both paths answer alike.
   */
  send(params: { exception: unknown; request: Request & { id?: unknown }; response: Response }): void {
    const { exception, request, response } = params;
    const body = this.toBody(exception);
    body.requestId = typeof request.id === 'string' ? request.id : undefined;
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    }
    if (isDomainError(exception) && typeof exception.details?.['retryAfterSeconds'] === 'number') {
      response.setHeader('Retry-After', String(exception.details['retryAfterSeconds']));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (isDomainError(exception)) {
      const statusCode = httpStatusOf(exception.code);
      const code =
        typeof exception.details?.['reason'] === 'string' ? exception.details['reason'] : exception.code;
      return { statusCode, code, message: exception.message };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'object' && raw !== null && 'code' in raw && 'message' in raw) {
        return { ...(raw as ApiErrorBody), statusCode };
      }
      const message =
        typeof raw === 'string' ? raw : String((raw as { message?: unknown }).message ?? exception.message);
      return { statusCode, code: codeByStatus[statusCode] ?? 'error', message };
    }
    // Express's body parser rejects malformed JSON and oversized bodies before Nest sees them.
    if (isBodyParserError(exception) && exception.status >= 400 && exception.status < 500) {
      const isMalformed = exception.type === 'entity.parse.failed';
      return {
        statusCode: exception.status,
        code: isMalformed ? 'malformed_json' : (codeByStatus[exception.status] ?? 'bad_request'),
        message: isMalformed ? 'The request body is not valid JSON.' : (exception.message ?? 'Bad request'),
      };
    }
    return { statusCode: 500, code: 'internal_error', message: 'Something went wrong on our side.' };
  }
}
