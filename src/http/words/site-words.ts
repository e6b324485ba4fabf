// The words every page shares: the site's name, signing in and the password, the error page and the language
// switch. Part of the pages' words (src/http/i18n.ts), read through the one i18n helper (src/shared/i18n.ts).
import type { Words } from '../../shared/i18n.ts';

export const SITE_WORDS = {
  appName: { zh: '金蝶云星空服务权益', en: 'Cloud Galaxy entitlements' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  badCredentials: { zh: '用户名或密码不正确', en: 'Wrong username or password' },
  rateLimited: { zh: '登录失败次数过多,请于 {at}(北京时间,约 {wait}后)再试;管理员可以提前解锁。', en: 'Too many failed sign-ins: try again at {at} (Asia/Shanghai), in about {wait}; an administrator can unlock it sooner.' },
  waitSeconds: { zh: '{n} 秒', en: '{n} seconds' },
  waitMinutes: { zh: '{n} 分钟', en: '{n} minutes' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码(至少 10 个字符)', en: 'New password (at least 10 characters)' },
  confirmPassword: { zh: '再次输入新密码', en: 'New password again' },
  mustChangePassword: { zh: '这是系统生成的初始密码。请先设置新密码,之后才能使用其他功能。', en: 'This is the generated first password. Set a new one before doing anything else.' },
  passwordChanged: { zh: '密码已修改;您在其他设备上的登录已退出。', en: 'Your password was changed; your other sessions were signed out.' },
  continueToApp: { zh: '继续', en: 'Continue' },
  viaToken: { zh: '通过此 API 令牌操作', en: 'Acted through this API token' },
  errorTitle: { zh: '出错了', en: 'Something went wrong' },
  backHome: { zh: '返回首页', en: 'Back to the start page' },
  switchLang: { zh: 'English', en: '中文' },
  // The header's menu: a row of links at wide widths, folded under 菜单 at phone width.
  menu: { zh: '菜单', en: 'Menu' },
  mainNavigation: { zh: '主导航', en: 'Main navigation' },
  skipToContent: { zh: '跳到正文', en: 'Skip to content' },
} as const satisfies Words;
