from django.urls import path

from tillit.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="assessment_list"),
    path("ny/", views.assessment_new, name="assessment_new"),
    path("mallar/", views.template_list, name="template_list"),
    path("mallar/<int:pk>/", views.template_detail, name="template_detail"),
    path("mallar/<int:pk>/faststall/", views.template_establish_view, name="template_establish"),
    path("mallar/<int:pk>/ny-version/", views.template_new_version_view, name="template_new_version"),
    path("<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("<int:pk>/svara/", views.answer_save_view, name="answer_save"),
    path("<int:pk>/underlag/", views.evidence_add_view, name="evidence_add"),
    path("<int:pk>/klar/", views.assessment_complete_view, name="assessment_complete"),
    path("<int:pk>/resultat/", views.assessment_results_view, name="assessment_results"),
]
