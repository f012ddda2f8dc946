// Reads the text a CloudFormation property points at: inline (`Code`,
// `Definition`) or a staged file asset (`CodeS3Location`,
// `DefinitionS3Location`), whose object key `<hash>.<ext>` CDK stages in the
// cloud assembly as `asset.<hash>.<ext>` (AWS::AppSync::Resolver,
// FunctionConfiguration and GraphQLSchema resource reference pages).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './errors.js';

/** The S3 object key of an S3 location: a plain string or Fn::Sub / Fn::Join of one (unresolved). */
export function s3Key(location: unknown): string | undefined {
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

export interface StagedText {
  text: string;
  /** The asset file it came from (relative to the assembly), or undefined when inline. */
  file?: string;
}

/**
 * The text of `props[inline]` or of the asset `props[s3]` names, in `assetDir`.
 * `what` names the resource in errors.
 */
export function stagedText(props: Record<string, unknown>, inline: string, s3: string, what: string, assetDir?: string, templateFile?: string): StagedText {
  if (typeof props[inline] === 'string') return { text: props[inline] as string };
  if (props[s3] !== undefined) {
    const key = s3Key(props[s3]);
    if (!assetDir) fail({ logicalId: what, message: `${s3} is an S3 asset; pass the cloud assembly directory` });
    const name = key && [`asset.${key}`, key].find((f) => existsSync(join(assetDir, f)));
    if (!name) {
      fail({ file: templateFile, logicalId: what, message: `${s3} names asset ${key ?? '?'}, which is not staged in ${assetDir}: run \`cdk synth\` again` });
    }
    return { text: readFileSync(join(assetDir, name), 'utf8'), file: name };
  }
  return fail({ file: templateFile, logicalId: what, message: `has neither ${inline} nor ${s3}` });
}
