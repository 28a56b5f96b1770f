/**
 * The API contract: every cloud function, its actions, and their request/response types.
 * Both the mini program (services/) and the cloud functions type-check against this map.
 */
import type { LoginRequest, LoginResponse } from './user';

export type { ErrorCode, Fail, Ok, Result } from './envelope';
export type { CadreLevel, RoleGrant, RoleName } from './roles';
export type * from './user';

interface Action<Req, Res> {
  req: Req;
  res: Res;
}

export interface Api {
  user: {
    login: Action<LoginRequest, LoginResponse>;
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
type ActionOf<F extends FunctionName, A extends ActionName<F>> =
  Api[F][A] extends Action<infer Q, infer S> ? { req: Q; res: S } : never;
export type RequestOf<F extends FunctionName, A extends ActionName<F>> = ActionOf<F, A>['req'];
export type ResponseOf<F extends FunctionName, A extends ActionName<F>> = ActionOf<F, A>['res'];
/** The event a function receives: the action name beside its parameters. */
export type EventOf<F extends FunctionName, A extends ActionName<F>> = { action: A } & RequestOf<F, A>;
