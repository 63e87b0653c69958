<div class="kb-cover">
  <p class="kb-cover__title">{{ config.site_name }}</p>
  <p class="kb-cover__subtitle">Study notes for the AWS machine learning certifications:
    MLA-C01 (Machine Learning Engineer – Associate) and the retired MLS-C01 (Machine Learning – Specialty).</p>
  <p class="kb-cover__meta">Version: {{ config.extra.version }}{% if config.extra.build_date %} · Built on {{ config.extra.build_date }}{% endif %}</p>
  <p class="kb-cover__meta">Content CC BY-SA 4.0 · Not affiliated with or endorsed by Amazon Web Services.</p>
</div>
