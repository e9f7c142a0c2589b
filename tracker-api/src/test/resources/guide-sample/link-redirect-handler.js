// Minimal redirect handler for external domain
class LinkRedirectHandler {
  constructor(apiBaseUrl, apiKey) {
    this.apiBaseUrl = apiBaseUrl;
    this.apiKey = apiKey;
  }

  async handleRedirect(trackingId, request) {
    try {
      // Get original URL
      const linkData = await this.getLinkData(trackingId);
      
      if (!linkData || !linkData.is_active) {
        return this.renderErrorPage('Link not found or expired');
      }

      // Record click event
      await this.recordClick(trackingId, request);

      // Redirect to original URL
      return this.redirect(linkData.original_url);
      
    } catch (error) {
      console.error('Redirect error:', error);
      return this.renderErrorPage('Internal server error');
    }
  }

  async getLinkData(trackingId) {
    const response = await fetch(
      `${this.apiBaseUrl}/api/link-tracking/analytics/${trackingId}`,
      {
        headers: {
          'Authorization': `Bearer ${this.apiKey}`,
          'Content-Type': 'application/json'
        }
      }
    );
    
    if (response.ok) {
      const data = await response.json();
      return data.link_info;
    }
    return null;
  }

  async recordClick(trackingId, request) {
    const clickData = {
      tracking_id: trackingId,
      clicked_at: new Date().toISOString(),
      ip_address: this.getClientIP(request),
      user_agent: request.headers['user-agent'] || '',
      referrer_url: request.headers['referer'] || '',
      session_id: this.getSessionId(request),
      click_source: this.determineClickSource(request.headers['referer']),
      metadata: this.extractUTMParameters(request.url)
    };

    await fetch(`${this.apiBaseUrl}/api/link-tracking/record-click`, {
      method: 'POST',
      headers: {
        'Authorization': `Bearer ${this.apiKey}`,
        'Content-Type': 'application/json'
      },
      body: JSON.stringify(clickData)
    });
  }

  getClientIP(request) {
    return request.headers['x-forwarded-for']?.split(',')[0] ||
           request.headers['x-real-ip'] ||
           request.connection.remoteAddress;
  }

  determineClickSource(referrer) {
    if (!referrer) return 'direct';
    
    const referrerLower = referrer.toLowerCase();
    if (referrerLower.includes('gmail.com')) return 'email';
    if (referrerLower.includes('linkedin.com')) return 'linkedin';
    if (referrerLower.includes('indeed.com')) return 'indeed';
    return 'external';
  }

  extractUTMParameters(url) {
    const urlParams = new URLSearchParams(url.split('?')[1] || '');
    return {
      utm_source: urlParams.get('utm_source'),
      utm_medium: urlParams.get('utm_medium'),
      utm_campaign: urlParams.get('utm_campaign')
    };
  }
}
