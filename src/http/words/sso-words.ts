// Single sign-on's words on the sign-in page (OIDC), Chinese first. A refusal says what happened and what to do.
export const SSO_WORDS = {
  ssoButton: { zh: '使用单点登录', en: 'Sign in with single sign-on' },
  ssoOr: { zh: '或使用本地账户登录', en: 'or sign in with a local account' },
  ssoUnavailable: { zh: '暂时无法连接单点登录服务,请稍后再试,或使用本地账户登录。', en: 'The single sign-on service cannot be reached; try again later, or sign in with a local account.' },
  ssoExpired: { zh: '单点登录已超时或不是从本页开始的,请重新点击“使用单点登录”。', en: 'The single sign-on attempt expired or was not started here; start it again.' },
  ssoDenied: { zh: '身份提供方没有完成登录(已取消或被拒绝),未登录。', en: 'The identity provider did not complete the sign-in (cancelled or refused); you are not signed in.' },
  ssoBadToken: { zh: '身份提供方返回的身份令牌未通过校验(签名、签发方或有效期不符),未登录。请联系管理员。', en: 'The identity token from the identity provider failed verification (its signature, issuer or validity); you are not signed in. Tell an administrator.' },
  ssoNoRole: { zh: '您在身份提供方的角色或用户组没有对应本系统的任何角色,未登录。请联系管理员为您分配角色。', en: 'None of your roles or groups at the identity provider maps to a role here; you are not signed in. Ask an administrator for a role.' },
  ssoDisabled: { zh: '您的账户已被停用,未登录。请联系管理员。', en: 'Your account is disabled; you are not signed in. Ask an administrator.' },
  ssoNameTaken: { zh: '本系统已有同名的本地账户,不能由单点登录接管,未登录。请联系管理员。', en: 'A local account of the same name exists here and cannot be taken over by single sign-on; you are not signed in. Ask an administrator.' },
  ssoLastAdmin: { zh: '身份提供方已取消您的管理员角色,但您是最后一位启用的管理员,未登录。请先指定另一位管理员。', en: 'The identity provider no longer gives you the admin role, but you are the last enabled admin; you are not signed in. Appoint another admin first.' },
} as const;
