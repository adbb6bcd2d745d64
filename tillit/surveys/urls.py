from django.urls import path

from tillit.surveys.views import builder, distribution, results

app_name = "surveys"

urlpatterns = [
    path("", builder.survey_list, name="list"),
    path("ny/", builder.survey_new, name="new"),
    path("<int:pk>/", builder.survey_detail, name="detail"),
    path("<int:pk>/andra/", builder.survey_edit, name="edit"),
    path("<int:pk>/avsnitt/", builder.section_new, name="section_new"),
    path("<int:pk>/fragor/", builder.question_new, name="question_new"),
    path("fraga/<int:pk>/andra/", builder.question_edit, name="question_edit"),
    path("avsnitt/<int:pk>/andra/", builder.section_edit, name="section_edit"),
    path("fraga/<int:pk>/ta-bort/", builder.question_remove, name="question_remove"),
    path("<int:pk>/forhandsgranska/", builder.survey_preview, name="preview"),
    path("<int:pk>/status/<slug:action>/", builder.survey_status, name="status"),
    path("<int:pk>/distribution/", distribution.distribution, name="distribution"),
    path("<int:pk>/koder.<slug:fmt>", distribution.codes_export, name="codes_export"),
    path("<int:pk>/brev/", distribution.letters, name="letters"),
    path("<int:pk>/paminn/", distribution.remind, name="remind"),
    path("<int:pk>/resultat/", results.survey_results, name="results"),
    path("<int:pk>/resultat.xlsx", results.results_xlsx, name="results_xlsx"),
]
