/**
 * Accounts (system administrator) and their roles, unlocking and resets (security
 * administrator): the split of duties of 三员分立 is in the policy table.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/auth-hooks.js';
import { generatePassword } from '../auth/password.js';
import { resetPassword, unlockUser } from '../auth/password-changes.js';
import type { Context } from '../platform/context.js';
import {
  roleGrantSchema,
  roleOutputSchema,
  userInputSchema,
  username,
  userOutputSchema,
  userPatchSchema,
} from './user-schema.js';
import {
  allRoles,
  createUser,
  getUserRow,
  listUsers,
  rolesOf,
  setRoles,
  updateUser,
} from './users.js';

const tags = ['用户与角色'];
const params = z.object({ username });
const userWithRoles = userOutputSchema.extend({ roles: z.array(roleOutputSchema) });

export const userRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/users',
    {
      config: { action: 'user.read' },
      schema: {
        tags,
        summary: '用户列表',
        response: { 200: z.object({ users: z.array(userWithRoles) }) },
      },
    },
    async () => {
      const users = await listUsers(ctx);
      const grants = await allRoles(ctx);

      return { users: users.map((u) => ({ ...u, roles: grants.get(u.username) ?? [] })) };
    },
  );

  app.post(
    '/users',
    {
      config: { action: 'user.write' },
      schema: {
        tags,
        summary: '新建用户（初始密码须在首次登录时修改）',
        body: userInputSchema,
        response: { 201: z.object({ user: userOutputSchema, password: z.string().optional() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(ctx, request.body, actorOf(request))),
  );

  app.patch(
    '/users/:username',
    {
      config: { action: 'user.write' },
      schema: {
        tags,
        summary: '修改用户（姓名、单位、电话、启用或停用）',
        params,
        body: userPatchSchema,
        response: { 200: userOutputSchema },
      },
    },
    async (request) => updateUser(ctx, request.params.username, request.body, actorOf(request)),
  );

  app.get(
    '/users/:username/roles',
    {
      config: { action: 'user.read' },
      schema: {
        tags,
        summary: '用户的业务角色',
        params,
        response: { 200: z.array(roleOutputSchema) },
      },
    },
    async (request) => rolesOf(ctx, (await getUserRow(ctx, request.params.username)).id),
  );

  app.put(
    '/users/:username/roles',
    {
      config: { action: 'role.write' },
      schema: {
        tags,
        summary: '设置用户的业务角色（按单位）',
        params,
        body: roleGrantSchema,
        response: { 200: z.array(roleOutputSchema) },
      },
    },
    async (request) => setRoles(ctx, request.params.username, request.body, actorOf(request)),
  );

  app.post(
    '/users/:username/unlock',
    { config: { action: 'user.unlock' }, schema: { tags, summary: '解除锁定', params } },
    async (request, reply) => {
      await unlockUser(ctx, request.params.username, actorOf(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/users/:username/password-reset',
    {
      config: { action: 'user.resetPassword' },
      schema: {
        tags,
        summary: '重置密码（返回一次性密码，仅显示一次）',
        params,
        response: { 200: z.object({ password: z.string() }) },
      },
    },
    async (request) => {
      const password = generatePassword();
      await resetPassword(ctx, request.params.username, password, actorOf(request));

      return { password };
    },
  );
};
