// Reads back, from a synthesized CloudFormation template, the code of every
// AppSync resolver and function: the proof that what deploys is what runs locally.
// Code is either inline (`Code`) or a staged file asset (`CodeS3Location`,
// whose object key `<hash>.js` is staged in the cloud assembly as `asset.<hash>.js`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TemplateCode {
  kind: 'resolver' | 'function';
  typeName?: string;
  fieldName?: string;
  name?: string;
  code: string;
}

type Resource = { Type: string; Properties: Record<string, unknown> };

/** The S3 object key of a CodeS3Location: a plain string or Fn::Sub / Fn::Join of one. */
function s3Key(location: unknown): string | undefined {
  let text: string | undefined;
  if (typeof location === 'string') text = location;
  else if (location && typeof location === 'object') {
    const o = location as Record<string, unknown>;
    const sub = o['Fn::Sub'];
    const join = o['Fn::Join'] as [string, unknown[]] | undefined;
    if (typeof sub === 'string') text = sub;
    else if (Array.isArray(sub) && typeof sub[0] === 'string') text = sub[0];
    else if (join) text = join[1].filter((p): p is string => typeof p === 'string').join(join[0]);
  }
  return text?.split('/').pop();
}

function codeOf(props: Record<string, unknown>, what: string, assetDir?: string): string {
  if (typeof props.Code === 'string') return props.Code;
  if (props.CodeS3Location !== undefined) {
    const key = s3Key(props.CodeS3Location);
    if (!assetDir) throw new Error(`${what}: code is an S3 asset; pass the cloud assembly directory`);
    const file = key && [join(assetDir, `asset.${key}`), join(assetDir, key)].find((f) => existsSync(f));
    if (!file) throw new Error(`${what}: asset ${key ?? '?'} not found in ${assetDir}`);
    return readFileSync(file, 'utf8');
  }
  throw new Error(`${what}: has neither Code nor CodeS3Location`);
}

/**
 * Every AppSync resolver and pipeline function in `template` with its code.
 * `assetDir` (the cloud assembly, e.g. cdk.out) is needed only for asset code.
 */
export function resolverCodeFromTemplate(template: object, assetDir?: string): TemplateCode[] {
  const resources = (template as { Resources?: Record<string, Resource> }).Resources ?? {};
  const out: TemplateCode[] = [];
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::AppSync::Resolver') {
      out.push({
        kind: 'resolver',
        typeName: r.Properties.TypeName as string,
        fieldName: r.Properties.FieldName as string,
        code: codeOf(r.Properties, id, assetDir),
      });
    } else if (r.Type === 'AWS::AppSync::FunctionConfiguration') {
      out.push({ kind: 'function', name: r.Properties.Name as string, code: codeOf(r.Properties, id, assetDir) });
    }
  }
  return out;
}
