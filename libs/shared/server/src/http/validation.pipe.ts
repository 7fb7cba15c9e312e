import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ApiErrorBody } from '@vigie/contracts';

function flatten(errors: ValidationError[], parentPath = ''): string[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property)
        ? `${path}${message.slice(error.property.length)}`
        : `${path}: ${message}`,
    );
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * DTO validation for every endpoint: unknown properties are refused, and a 400 lists each
 * problem (`details`) so the console can show it next to the field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const body: ApiErrorBody = {
        statusCode: 400,
        code: 'validation_failed',
        message: `Invalid request: ${details.join('; ')}`,
        details,
      };
      return new BadRequestException(body);
    },
  });
}
