/** The subsidy catalogue as stored, and what the functions ask of it. */
import type { DeclarationWindow, Project } from '../../../typings/api';
import type { Database, Doc } from '../db/database';
import { notFound } from '../runtime/errors';

export const PROJECTS = 'projects';

export interface ProjectDoc extends Project, Doc {
  _id: string;
  version: number;
  updatedAt: Date;
}

export async function loadProject(db: Database, code: string): Promise<ProjectDoc> {
  const { data } = await db.collection<ProjectDoc>(PROJECTS).where({ code }).limit(1).get();
  const project = data[0];
  if (!project?.active) throw notFound('没有找到这个补贴项目');
  return project;
}

export function currentWindow(project: Project, now: Date): DeclarationWindow | null {
  const t = now.toISOString();
  return project.windows.find((w) => w.opensAt <= t && t < w.closesAt) ?? null;
}

export function nextWindow(project: Project, now: Date): DeclarationWindow | null {
  const t = now.toISOString();
  return (
    [...project.windows].filter((w) => w.opensAt > t).sort((a, b) => (a.opensAt < b.opensAt ? -1 : 1))[0] ??
    null
  );
}

/** The public view: the stored document without its storage fields. */
export function publicProject(p: ProjectDoc): Project {
  const { _id, version: _v, updatedAt: _u, ...project } = p;
  return project;
}
