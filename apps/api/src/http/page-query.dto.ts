import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 500;

/** `page` (1-based) and `page_size` (1..500) of a paginated list. */
export class PageQueryDto {
  // With stopAtFirstError, class-validator checks a property's decorators from the bottom up.
  @ApiPropertyOptional({
    description: 'Page, 1-based',
    type: 'integer',
    minimum: 1,
    maximum: 1_000_000,
    default: 1,
    example: 1,
  })
  @Max(1_000_000, { message: 'page must be at most 1000000' })
  @Min(1, { message: 'page must be at least 1' })
  @IsInt({ message: 'page must be an integer' })
  @Type(() => Number)
  page: number = 1;

  @ApiPropertyOptional({
    description: 'Rows per page',
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: 50,
    example: 50,
  })
  @Max(MAX_PAGE_SIZE, { message: `page_size must be at most ${MAX_PAGE_SIZE}` })
  @Min(1, { message: 'page_size must be at least 1' })
  @IsInt({ message: 'page_size must be an integer' })
  @Type(() => Number)
  page_size: number = 50;
}
