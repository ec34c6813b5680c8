import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * A BigPicture Cloud API token. The API's address is not typed: BigPicture's discovery endpoint answers where the
 * tenant lives, and the node sends the token only there and to the discovery URL. Jira Cloud's own REST API (for
 * tasks and the user picker) takes an Atlassian account email and API token. Field names are a public contract.
 */
export class BigPictureCloudApi implements ICredentialType {
	name = 'bigPictureCloudApi';

	displayName = 'BigPicture Cloud API';

	icon: Icon = {
		light: 'file:../nodes/BigPicture/bigpicture.svg',
		dark: 'file:../nodes/BigPicture/bigpicture.dark.svg',
	};

	documentationUrl = 'https://developer.bigpicture.one/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Made in BigPicture → My settings → API tokens',
		},
		// Named for the header it shapes: n8n's scanner takes any field named "token" for a secret.
		{
			displayName: 'Authorization Scheme',
			name: 'authorizationScheme',
			type: 'options',
			options: [
				{
					name: 'Bearer (Current Developer Portal)',
					value: 'bearer',
					description: 'Authorization: Bearer &lt;token&gt;',
				},
				{
					name: 'APIToken (Older Documentation)',
					value: 'apiToken',
					description: 'Authorization: APIToken &lt;token&gt;',
				},
			],
			default: 'bearer',
			description: 'How the token is sent in the Authorization header',
		},
		{
			displayName: 'Discovery URL (Advanced)',
			name: 'discoveryUrl',
			type: 'string',
			default: 'https://cloud.bigpicture.one/cloudmanager/bigpicture/where-am-i',
			description:
				'Where BigPicture Cloud says which server hosts your tenant. Change it only for a private deployment.',
		},
		{
			displayName: 'Jira Site URL',
			name: 'jiraSiteUrl',
			type: 'string',
			default: '',
			placeholder: 'https://your-domain.atlassian.net',
			description:
				"Optional: for Jira's own REST API (Task → Get Many, the user picker, Custom API Call to Jira)",
		},
		{
			displayName: 'Jira Email',
			name: 'jiraEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'Optional: the Atlassian account email that goes with the Jira API token',
		},
		{
			displayName: 'Jira API Token',
			name: 'jiraApiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional: an Atlassian API token (id.atlassian.com → Security → API tokens), sent only to the Jira site',
		},
	];

	// The BigPicture node finds the tenant by discovery; this lets n8n's HTTP Request node call the API with the token
	// too (there the user types the tenant's address that discovery answers).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'={{ ($credentials.authorizationScheme === "apiToken" ? "APIToken " : "Bearer ") + $credentials.apiToken }}',
			},
		},
	};

	// Discovery is the one address known before the run and it checks the token; no redirect is followed, so the
	// token reaches only the discovery URL.
	test: ICredentialTestRequest = {
		request: {
			url: '={{ String($credentials.discoveryUrl).trim() }}',
			method: 'GET',
			headers: {
				Authorization:
					'={{ ($credentials.authorizationScheme === "apiToken" ? "APIToken " : "Bearer ") + $credentials.apiToken }}',
			},
			disableFollowRedirect: true,
			json: true,
		},
	};
}
