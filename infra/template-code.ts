// Reads back, from a synthesized CloudFormation template, the code of every
// AppSync resolver and function: the proof that what deploys is what runs locally.
// Code is either inline (`Code`) or a staged file asset (`CodeS3Location`);
// the twin's --cdk-out door reads it the same way (local/cdk/code.ts).
import { stagedText } from '../local/cdk/code.js';

export interface TemplateCode {
  kind: 'resolver' | 'function';
  typeName?: string;
  fieldName?: string;
  name?: string;
  code: string;
}

type Resource = { Type: string; Properties: Record<string, unknown> };

function codeOf(props: Record<string, unknown>, what: string, assetDir?: string): string {
  return stagedText(props, 'Code', 'CodeS3Location', what, assetDir).text;
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
