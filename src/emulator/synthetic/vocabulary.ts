export const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Emma',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jon',
  'Kira',
  'Liam',
  'Mona',
  'Nils',
  'Olga',
  'Paul',
];
export const LAST_NAMES = [
  'Smith',
  'Garcia',
  'Chen',
  'Novak',
  'Okafor',
  'Rossi',
  'Silva',
  'Tanaka',
  'Weber',
  'Young',
  'Khan',
  'Dubois',
];
export const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Vandelay',
  'Stark',
  'Wayne',
  'Wonka',
  'Tyrell',
];
export const CITIES: Array<[string, string, string]> = [
  ['Paris', 'IDF', 'France'],
  ['Berlin', 'BE', 'Germany'],
  ['Austin', 'TX', 'United States'],
  ['Denver', 'CO', 'United States'],
  ['Leeds', 'England', 'United Kingdom'],
  ['Osaka', 'Osaka', 'Japan'],
  // The US West and Canada, which the example's geographic and nested-logic segments look for.
  ['San Francisco', 'CA', 'United States'],
  ['Seattle', 'WA', 'United States'],
  ['Portland', 'OR', 'United States'],
  ['Toronto', 'ON', 'Canada'],
  ['Vancouver', 'BC', 'Canada'],
];
export const INDUSTRIES = ['Technology', 'Finance', 'Healthcare', 'Retail', 'Manufacturing', 'Education'];
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
export const TITLES = ['CTO', 'Marketing Manager', 'Analyst', 'VP Sales', 'Engineer', 'Director'];

/** Email links; `service` links feed the "interested in premium service" segments. */
export const LINKS = [
  { url: 'https://example.com/products/premium-service', name: 'premium-service' },
  { url: 'https://example.com/products/basic', name: 'basic-plan' },
  { url: 'https://example.com/pricing', name: 'pricing' },
  { url: 'https://example.com/blog/how-to', name: 'blog' },
  // The call to action of the webinar invitations (the example's clicked-webinar-cta segment).
  { url: 'https://example.com/webinar/register', name: 'Register now' },
];
export const PAGES = [
  'https://example.com/',
  'https://example.com/pricing',
  'https://example.com/services/premium',
  'https://example.com/docs/getting-started',
  'https://example.com/contact',
];
export const DOCUMENTS = [
  'whitepaper-ai.pdf',
  'pricing-guide.pdf',
  'premium-service-brochure.pdf',
  'case-study-retail.pdf',
];
export const SEARCH_TERMS = [
  'premium service',
  'pricing',
  'support',
  'integration',
  'api limits',
  'service level',
];
