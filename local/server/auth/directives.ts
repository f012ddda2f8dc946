// Field-level authorization from AppSync's auth directives: a field's own
// directives replace its type's; with none on either, only the default mode may
// read it; several directives are alternatives; cognito_groups is an allow-list.
import type { GraphQLField, GraphQLObjectType, ConstDirectiveNode } from 'graphql';
import { Kind } from 'graphql';
import type { AuthType } from '../../definition.js';
import type { Authenticated } from '../types.js';

const DIRECTIVE_MODE: Record<string, AuthType | 'AWS_LAMBDA'> = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_oidc: 'OPENID_CONNECT',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_auth: 'AMAZON_COGNITO_USER_POOLS',
  aws_lambda: 'AWS_LAMBDA',
};

interface Rule {
  mode: AuthType | 'AWS_LAMBDA';
  groups?: string[];
}

function rulesOf(directives: readonly ConstDirectiveNode[] | undefined): Rule[] {
  const rules: Rule[] = [];
  for (const d of directives ?? []) {
    const mode = DIRECTIVE_MODE[d.name.value];
    if (!mode) continue;
    const arg = d.arguments?.find((a) => a.name.value === 'cognito_groups');
    const groups = arg && arg.value.kind === Kind.LIST ? arg.value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : undefined;
    rules.push({ mode, ...(groups ? { groups } : {}) });
  }
  return rules;
}

/**
 * `cognitoDefault` is the user pool's DefaultAction: with DENY, a Cognito
 * caller may read only fields whose directives admit it (AppSync Developer
 * Guide, "Configuring authorization and authentication", Amazon Cognito user
 * pools: DENY refuses requests the user pool configuration does not match;
 * CloudFormation AWS::AppSync::GraphQLApi UserPoolConfig, DefaultAction).
 */
export function createFieldAuthorizer(defaultMode: AuthType, cognitoDefault: 'ALLOW' | 'DENY' = 'ALLOW'): (type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, auth: Authenticated) => boolean {
  // A field object belongs to one type, so it keys its rules (asked once per field of every result).
  const cache = new WeakMap<GraphQLField<unknown, unknown>, Rule[] | null>();
  const rulesFor = (type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Rule[] | null => {
    let rules = cache.get(field);
    if (rules === undefined) {
      const own = rulesOf(field.astNode?.directives);
      const inherited = own.length ? own : rulesOf([...(type.astNode?.directives ?? []), ...(type.extensionASTNodes ?? []).flatMap((e) => e.directives ?? [])]);
      rules = inherited.length ? inherited : null;
      cache.set(field, rules);
    }
    return rules;
  };
  return (type, field, auth) => {
    if (field.name.startsWith('__')) return true;
    const rules = rulesFor(type, field);
    if (!rules) return auth.mode === defaultMode && !(auth.mode === 'AMAZON_COGNITO_USER_POOLS' && cognitoDefault === 'DENY');
    return rules.some((r) => r.mode === auth.mode && (!r.groups || r.groups.some((g) => auth.groups.includes(g))));
  };
}
