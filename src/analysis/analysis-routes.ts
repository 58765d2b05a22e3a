/**
 * The bureau above's views of its region: `GET /api/v1/regions/{unit}/summary` (the regional
 * summary as JSON) and `GET /api/v1/regions/{unit}/analysis` (the figures behind the analysis
 * pages). Only the region's own reviewers may read them; anyone else is told it does not exist.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/auth-hooks.js';
import { requireRegionReviewer } from '../documents/region-export.js';
import { unitCode } from '../org/unit-schema.js';
import type { Context } from '../platform/context.js';
import { viewerOf } from '../records/record-routes.js';
import { analysisQuery, includedOf, rangeQuery } from './analysis-query.js';
import { analyseRegion } from './region-analysis.js';
import { regionSummary } from './region-summary.js';

const tags = ['地区汇总与分析'];
const params = z.object({ unit: unitCode });

export const analysisRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/regions/:unit/summary',
    {
      config: { action: 'region.read' },
      schema: {
        tags,
        summary: '本地区汇总表（JSON，上级审核人）',
        description:
          '本地区各报送单位（含本级）在起止季度内已接收的最新版本所列记录的汇总；include=submitted 时也计入已报送、待接收的版本。人数在全地区按人去重。另给出报送单位数与计入的报告清单。',
        params,
        querystring: rangeQuery,
      },
    },
    async (request) => {
      await requireRegionReviewer(ctx, viewerOf(request), request.params.unit);
      const { include, ...range } = request.query;

      return regionSummary(ctx, {
        region: request.params.unit,
        ...range,
        included: includedOf(include),
      });
    },
  );

  app.get(
    '/regions/:unit/analysis',
    {
      config: { action: 'region.read' },
      schema: {
        tags,
        summary: '本地区干预情况分析（上级审核人）',
        description:
          '按季度、干预情形（折算到截止季度适用的规则版本）、干预形式、级别、单位统计次数，列出被干预最多的统计指标（前 20 项）和多次被记录的干预人。可按单位、级别、形式、情形筛选，多个值用逗号分隔。每次分析记入本地区日志。',
        params,
        querystring: analysisQuery,
      },
    },
    async (request) => {
      await requireRegionReviewer(ctx, viewerOf(request), request.params.unit);
      const { include, ...rest } = request.query;

      return analyseRegion(
        ctx,
        { region: request.params.unit, ...rest, included: includedOf(include) },
        actorOf(request),
      );
    },
  );
};
