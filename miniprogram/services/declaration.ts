/** The `declaration` cloud function (阳光申报): the catalogue, the pre-check, declaring and following up. */
import type {
  DeclarationDetail,
  DeclarationSummary,
  GetProjectResponse,
  MineRequest,
  MineResponse,
  PrecheckRequest,
  PrecheckResponse,
  ProjectCard,
  ProxySubmitRequest,
  ResubmitRequest,
  SubmitRequest,
  SubmitResponse,
} from '../../typings/api';
import type { Option } from '../types/option';
import { callFunction } from './call';

/** The projects of the catalogue, open or not, with the household's open declaration of each. */
export async function listProjects(): Promise<ProjectCard[]> {
  const { items } = await callFunction('declaration', 'listProjects', {});
  return items;
}

/** The projects as the choices of a filter: the code sent, the name shown. */
export function projectOptions(cards: readonly ProjectCard[]): Option[] {
  return cards.map((c) => ({ value: c.code, label: c.name }));
}

/** 申报须知: the whole project as the public may read it. */
export function getProject(code: string): Promise<GetProjectResponse> {
  return callFunction('declaration', 'getProject', { code });
}

/** Each eligibility rule with pass/fail and its reason; nothing is stored. */
export function precheck(request: PrecheckRequest): Promise<PrecheckResponse> {
  return callFunction('declaration', 'precheck', request);
}

export function submit(request: SubmitRequest): Promise<SubmitResponse> {
  return callFunction('declaration', 'submit', request);
}

/** 我的申报: the household's declarations, newest first. */
export function mine(request: MineRequest = {}): Promise<MineResponse> {
  return callFunction('declaration', 'mine', request);
}

/** One declaration with its timeline. */
export function detail(declarationId: string): Promise<DeclarationDetail> {
  return callFunction('declaration', 'detail', { declarationId });
}

/** 撤回: the declaration becomes void; the reason is optional. */
export function withdraw(declarationId: string, reason?: string): Promise<DeclarationSummary> {
  return callFunction('declaration', 'withdraw', reason ? { declarationId, reason } : { declarationId });
}

/** After 打回: the corrected form, keeping the history. */
export function resubmit(request: ResubmitRequest): Promise<SubmitResponse> {
  return callFunction('declaration', 'resubmit', request);
}

/** 代办: a cadre declares for an elderly or disabled resident of their area. */
export function proxySubmit(request: ProxySubmitRequest): Promise<SubmitResponse> {
  return callFunction('declaration', 'proxySubmit', request);
}
