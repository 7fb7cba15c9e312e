/** Every 4xx/5xx answer of the API has this body. `code` is stable; `message` is for humans. */
export type ApiErrorBody = {
  statusCode: number;
  code: string;
  message: string;
  /** Field-level problems for 400 answers. */
  details?: string[];
  requestId?: string;
};
