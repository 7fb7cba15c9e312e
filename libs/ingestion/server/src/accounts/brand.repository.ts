import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Brand } from './brand.entity';

@Injectable()
export class BrandRepository {
  constructor(@InjectRepository(Brand) private readonly brands: Repository<Brand>) {}

  list(): Promise<Brand[]> {
    return this.brands.find({ order: { name: 'ASC' } });
  }

  findById(id: string): Promise<Brand | null> {
    return this.brands.findOneBy({ id });
  }

  findByName(name: string): Promise<Brand | null> {
    return this.brands
      .createQueryBuilder('brand')
      .where('lower(brand.name) = lower(:name)', { name })
      .getOne();
  }

  /** Null when the name is taken (unique on lower(name)). */
  async insert(params: { name: string; defaultLanguage: string }): Promise<Brand | null> {
    const rows = (await this.brands.query(
      `INSERT INTO brand (name, default_language) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id`,
      [params.name, params.defaultLanguage],
    )) as { id: string }[];
    return rows[0] ? this.findById(rows[0].id) : null;
  }
}
