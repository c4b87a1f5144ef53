// The JSON shapes Clerk's Frontend API answers with (snake_case), as clerk-js 6.40 reads them in its
// resources' fromJSON. Only the fields a password / email-code instance without organizations uses.

export type Verification = {
  status: 'unverified' | 'verified' | 'failed' | 'expired'
  strategy: string
  attempts: number
  expireAt: number
}

export type UserRecord = {
  id: string
  emailId: string
  email: string
  password?: string
  createdAt: number
}

export type SessionRecord = {
  id: string
  userId: string
  status: 'active' | 'ended' | 'removed'
  createdAt: number
  updatedAt: number
}

export type SignInRecord = {
  id: string
  status: 'needs_identifier' | 'needs_first_factor' | 'complete'
  identifier: string | null
  userId: string | null
  firstFactor: Verification | null
  createdSessionId: string | null
  createdAt: number
}

export type SignUpRecord = {
  id: string
  status: 'missing_requirements' | 'complete'
  email: string
  password?: string
  emailVerification: Verification | null
  createdUserId: string | null
  createdSessionId: string | null
  createdAt: number
}

export type ClientRecord = {
  id: string
  token: string
  sessionIds: string[]
  signInId: string | null
  signUpId: string | null
  lastActiveSessionId: string | null
  createdAt: number
  updatedAt: number
}

const DAY = 24 * 60 * 60 * 1000

/** A sign-up/sign-in attribute as user_settings lists it; everything but email and password is off. */
function attribute(enabled: boolean, firstFactors: string[] = [], verifications: string[] = []) {
  return {
    enabled,
    required: enabled,
    used_for_first_factor: firstFactors.length > 0,
    first_factors: firstFactors,
    used_for_second_factor: false,
    second_factors: [],
    verifications,
    verify_at_sign_up: verifications.length > 0
  }
}

export function environmentJSON() {
  const off = attribute(false)
  return {
    object: 'environment',
    id: 'env_standin',
    auth_config: {
      object: 'auth_config',
      id: 'aac_standin',
      single_session_mode: true,
      claimed_at: null,
      reverification: false
    },
    display_config: {
      object: 'display_config',
      id: 'display_config_standin',
      instance_environment_type: 'development',
      application_name: 'Bookmarks Index (stand-in)',
      preferred_sign_in_strategy: 'password',
      branded: false,
      show_devmode_warning: false,
      // No captcha anywhere: clerk-js would load Cloudflare Turnstile from the internet.
      captcha_public_key: null,
      captcha_public_key_invisible: null,
      captcha_widget_type: null,
      captcha_provider: 'turnstile',
      captcha_oauth_bypass: [],
      captcha_heartbeat: false,
      google_one_tap_client_id: null,
      home_url: '',
      sign_in_url: '',
      sign_up_url: '',
      user_profile_url: '',
      after_sign_in_url: '',
      after_sign_up_url: '',
      after_sign_out_one_url: '',
      after_sign_out_all_url: '',
      logo_image_url: '',
      favicon_image_url: '',
      theme: {}
    },
    user_settings: {
      attributes: {
        email_address: attribute(true, ['email_code'], ['email_code']),
        password: { ...attribute(true), verify_at_sign_up: false },
        phone_number: off,
        username: off,
        web3_wallet: off,
        first_name: off,
        last_name: off,
        authenticator_app: off,
        backup_code: off,
        passkey: off
      },
      actions: { delete_self: false, create_organization: false },
      attack_protection: { enumeration_protection: { enabled: false } },
      enterprise_sso: { enabled: false },
      passkey_settings: { allow_autofill: false, show_sign_in_button: false },
      password_settings: {
        disable_hibp: true,
        min_length: 8,
        max_length: 72,
        require_special_char: false,
        require_numbers: false,
        require_uppercase: false,
        require_lowercase: false,
        show_zxcvbn: false,
        min_zxcvbn_strength: 0,
        enforce_hibp_on_sign_in: false,
        allowed_special_characters: ''
      },
      sign_in: { second_factor: { required: false, enabled: false } },
      sign_up: {
        allowlist_only: false,
        captcha_enabled: false,
        captcha_widget_type: null,
        legal_consent_enabled: false,
        mode: 'public',
        progressive: true,
        mfa: { required: false }
      },
      social: {}
    },
    organization_settings: {
      enabled: false,
      max_allowed_memberships: 0,
      force_organization_selection: false
    },
    commerce_settings: {
      billing: {
        stripe_publishable_key: null,
        organization: { enabled: false, has_paid_plans: false },
        user: { enabled: false, has_paid_plans: false }
      }
    },
    api_keys_settings: { user_api_keys_enabled: false, orgs_api_keys_enabled: false },
    maintenance_mode: false,
    client_debug_mode: false,
    partitioned_cookies: false
  }
}

export function verificationJSON(v: Verification | null) {
  if (!v) return null
  return {
    object: 'verification',
    status: v.status,
    strategy: v.strategy,
    attempts: v.attempts,
    expire_at: v.expireAt,
    verified_at_client: null
  }
}

export function emailAddressJSON(user: UserRecord) {
  return {
    object: 'email_address',
    id: user.emailId,
    email_address: user.email,
    reserved: false,
    verification: {
      object: 'verification',
      status: 'verified',
      strategy: 'email_code',
      attempts: 1,
      expire_at: null
    },
    linked_to: [],
    matches_sso_connection: false,
    created_at: user.createdAt,
    updated_at: user.createdAt
  }
}

export function userJSON(user: UserRecord) {
  return {
    object: 'user',
    id: user.id,
    external_id: null,
    primary_email_address_id: user.emailId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    username: null,
    first_name: null,
    last_name: null,
    image_url: '',
    has_image: false,
    email_addresses: [emailAddressJSON(user)],
    phone_numbers: [],
    web3_wallets: [],
    passkeys: [],
    external_accounts: [],
    enterprise_accounts: [],
    organization_memberships: [],
    password_enabled: Boolean(user.password),
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    public_metadata: {},
    unsafe_metadata: {},
    create_organization_enabled: false,
    delete_self_enabled: false,
    last_sign_in_at: null,
    legal_accepted_at: null,
    created_at: user.createdAt,
    updated_at: user.createdAt
  }
}

export function sessionJSON(session: SessionRecord, user: UserRecord) {
  return {
    object: 'session',
    id: session.id,
    status: session.status,
    // clerk-js fetches a fresh token from /tokens when the session carries none.
    last_active_token: null,
    last_active_organization_id: null,
    last_active_at: session.updatedAt,
    expire_at: session.createdAt + 7 * DAY,
    abandon_at: session.createdAt + 30 * DAY,
    factor_verification_age: [0, -1],
    actor: null,
    tasks: null,
    user: userJSON(user),
    public_user_data: {
      first_name: null,
      last_name: null,
      image_url: '',
      has_image: false,
      identifier: user.email,
      user_id: user.id
    },
    created_at: session.createdAt,
    updated_at: session.updatedAt
  }
}

export function signInJSON(signIn: SignInRecord, user: UserRecord | undefined) {
  return {
    object: 'sign_in',
    id: signIn.id,
    status: signIn.status,
    supported_identifiers: ['email_address'],
    identifier: signIn.identifier,
    supported_first_factors: user
      ? [
          ...(user.password ? [{ strategy: 'password' }] : []),
          {
            strategy: 'email_code',
            safe_identifier: user.email,
            email_address_id: user.emailId,
            primary: true
          }
        ]
      : [],
    supported_second_factors: null,
    first_factor_verification: verificationJSON(signIn.firstFactor),
    second_factor_verification: null,
    user_data: { first_name: null, last_name: null, image_url: '', has_image: false },
    created_session_id: signIn.createdSessionId,
    abandon_at: signIn.createdAt + DAY
  }
}

export function signUpJSON(signUp: SignUpRecord) {
  const v = signUp.emailVerification
  const emailVerified = v?.status === 'verified'
  const nextAction = emailVerified ? '' : v ? 'needs_attempt' : 'needs_prepare'
  return {
    object: 'sign_up',
    id: signUp.id,
    status: signUp.status,
    required_fields: ['email_address', 'password'],
    optional_fields: [],
    missing_fields: [],
    unverified_fields: emailVerified ? [] : ['email_address'],
    verifications: {
      email_address: {
        ...(verificationJSON(v) ?? { object: 'verification', status: 'unverified', strategy: null }),
        next_action: nextAction,
        supported_strategies: ['email_code']
      },
      phone_number: null,
      web3_wallet: null,
      external_account: null
    },
    username: null,
    email_address: signUp.email,
    phone_number: null,
    web3_wallet: null,
    password_enabled: Boolean(signUp.password),
    first_name: null,
    last_name: null,
    unsafe_metadata: {},
    public_metadata: {},
    custom_action: false,
    external_id: null,
    created_session_id: signUp.createdSessionId,
    created_user_id: signUp.createdUserId,
    abandon_at: signUp.createdAt + DAY,
    legal_accepted_at: null
  }
}

/** Clerk's API error body: one entry per problem, with a short and a long message and the offending field. */
export function errorJSON(code: string, message: string, longMessage: string, paramName?: string) {
  return {
    errors: [{ code, message, long_message: longMessage, meta: paramName ? { param_name: paramName } : {} }],
    meta: {},
    clerk_trace_id: 'standin'
  }
}
