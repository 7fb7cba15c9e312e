import { Inject, Injectable } from '@nestjs/common';
import {
  type CannedAnswerView,
  type CreateCannedAnswerRequest,
  cannedAnswerVariables,
  type UpdateCannedAnswerRequest,
} from '@vigie/contracts';
import { normalizeCannedAnswer, normalizeCannedLanguage, parseCannedTemplate } from '@vigie/canned-core';
import { CLOCK, type Clock, DomainError } from '@vigie/kernel';
import {
  CannedAnswerRepository,
  type CannedUniqueClash,
  type StoredCannedAnswer,
  uniqueClashOf,
} from './canned-answer.repository';

export function toCannedAnswerView(answer: StoredCannedAnswer): CannedAnswerView {
  return {
    id: answer.id,
    brandId: answer.brandId,
    language: answer.language,
    title: answer.title,
    body: answer.body,
    shortcut: answer.shortcut,
    variables: parseCannedTemplate(answer.body, cannedAnswerVariables).variables,
    createdAt: answer.createdAt.toISOString(),
    updatedAt: answer.updatedAt.toISOString(),
    deletedAt: answer.deletedAt?.toISOString() ?? null,
  };
}

const clashMessages: Record<CannedUniqueClash, string> = {
  title: 'Another canned answer of this brand and language already has this title.',
  shortcut: 'Another canned answer of this brand and language already uses this shortcut.',
};

/** Supervisors' and admins' use cases on canned answers (docs/console.md), and the agents' list. */
@Injectable()
export class CannedAnswersService {
  constructor(
    private readonly answers: CannedAnswerRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(params: {
    brandId?: string;
    language?: string;
    search?: string;
    isDeletedIncluded: boolean;
  }): Promise<CannedAnswerView[]> {
    const rows = await this.answers.list({
      ...params,
      language: params.language ? normalizeCannedLanguage(params.language) : undefined,
      search: params.search?.trim() || undefined,
      limit: 500,
    });
    return rows.map(toCannedAnswerView);
  }

  async get(id: string): Promise<CannedAnswerView> {
    return toCannedAnswerView(await this.require(id));
  }

  async create(params: { request: CreateCannedAnswerRequest; userId: string }): Promise<CannedAnswerView> {
    const fields = normalizeCannedAnswer(
      { ...params.request, shortcut: params.request.shortcut ?? null },
      cannedAnswerVariables,
    );
    if (!(await this.answers.brandName(params.request.brandId)))
      throw new DomainError({ code: 'not_found', message: `No brand ${params.request.brandId}.` });
    return toCannedAnswerView(
      await this.unique(() =>
        this.answers.insert({
          brandId: params.request.brandId,
          ...fields,
          userId: params.userId,
          at: this.clock.now(),
        }),
      ),
    );
  }

  /** Changes the given fields; `shortcut: null` (or '') removes the shortcut. A deleted answer is not edited. */
  async update(params: {
    id: string;
    request: UpdateCannedAnswerRequest;
    userId: string;
  }): Promise<CannedAnswerView> {
    const current = await this.require(params.id);
    if (current.deletedAt)
      throw new DomainError({
        code: 'conflict',
        message: 'This canned answer is deleted: restore it first.',
      });
    const fields = normalizeCannedAnswer(
      {
        language: params.request.language ?? current.language,
        title: params.request.title ?? current.title,
        body: params.request.body ?? current.body,
        shortcut: params.request.shortcut === undefined ? current.shortcut : params.request.shortcut,
      },
      cannedAnswerVariables,
    );
    const updated = await this.unique(() =>
      this.answers.update({ id: params.id, fields, userId: params.userId, at: this.clock.now() }),
    );
    if (!updated)
      throw new DomainError({ code: 'conflict', message: 'This canned answer was deleted meanwhile.' });
    return toCannedAnswerView(updated);
  }

  async remove(params: { id: string; userId: string }): Promise<void> {
    const current = await this.require(params.id);
    if (current.deletedAt) return;
    await this.answers.softDelete({ id: params.id, userId: params.userId, at: this.clock.now() });
  }

  async restore(params: { id: string; userId: string }): Promise<CannedAnswerView> {
    const current = await this.require(params.id);
    if (!current.deletedAt) return toCannedAnswerView(current);
    const restored = await this.unique(() =>
      this.answers.restore({ id: params.id, userId: params.userId, at: this.clock.now() }),
    );
    return toCannedAnswerView(restored ?? (await this.require(params.id)));
  }

  private async require(id: string): Promise<StoredCannedAnswer> {
    const answer = await this.answers.findById(id);
    if (!answer) throw new DomainError({ code: 'not_found', message: `No canned answer ${id}.` });
    return answer;
  }

  /** A write that ran into a live answer's title or shortcut becomes a 409 that says which. */
  private async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const clash = uniqueClashOf(error);
      if (clash) throw new DomainError({ code: 'conflict', message: clashMessages[clash] });
      throw error;
    }
  }
}
