// Reads back, from a synthesized CloudFormation template, the code of every
// AppSync resolver and function: the proof that what deploys is what runs locally.

export interface TemplateCode {
  kind: 'resolver' | 'function';
  typeName?: string;
  fieldName?: string;
  name?: string;
  code: string;
}

type Resource = { Type: string; Properties: Record<string, unknown> };

function literal(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  throw new Error(`${what}: code is not inline in the template`);
}

export function resolverCodeFromTemplate(template: { Resources: Record<string, Resource> }): TemplateCode[] {
  const out: TemplateCode[] = [];
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type === 'AWS::AppSync::Resolver') {
      out.push({
        kind: 'resolver',
        typeName: r.Properties.TypeName as string,
        fieldName: r.Properties.FieldName as string,
        code: literal(r.Properties.Code, id),
      });
    } else if (r.Type === 'AWS::AppSync::FunctionConfiguration') {
      out.push({ kind: 'function', name: r.Properties.Name as string, code: literal(r.Properties.Code, id) });
    }
  }
  return out;
}
